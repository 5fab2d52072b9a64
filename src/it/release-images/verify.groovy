// mvn install with openim:build and openim:image bound, for linux/amd64 and linux/arm64: one
// archive per binary and platform, of that platform, loading and (amd64) running; SHA256SUMS;
// the per-binary Dockerfile built for each platform; attached artifacts; reproducible archives;
// gzip; bad input.
// As root: it checks what the images and archives hold (platforms, loading, running, digests);
// `mvn package` as the test user, and the ownership of what it writes, is in dockerized-build.
evaluate(new File(itShared, 'ItSupport.groovy'))
def project = 'io.openim.it:release-images'
def binaries = ['openim-api', 'openim-rpc-user', 'openim-msggateway']
def platforms = ['amd64', 'arm64']
def loaded = []
def load = { File archive ->
    def out = dockerOut('load', '-i', archive.path)
    loaded.addAll(out.readLines().findAll { it.startsWith('Loaded image: ') }.collect { it.substring(14) })
    out
}
try {
    def log = new File(basedir, 'build.log').text
    assertLog(log, 'Using ' + new File(basedir, 'build/images/openim-rpc-user/Dockerfile').path + ' for openim-rpc-user (linux/arm64)')
    assertLog(log, 'Making 6 release image(s)')
    // Nothing is left in the engine: the generated images never were in it, the Dockerfile's are removed.
    assert objectsOf(project).images.every { it.startsWith('openim-build:') } : objectsOf(project).images
    def commitTime = sh(['git', 'log', '-1', '--format=%ct'])[1].trim() as long
    def created = java.time.Instant.ofEpochSecond(commitTime).toString()
    def revision = sh(['git', 'rev-parse', 'HEAD'])[1].trim()
    def json = new groovy.json.JsonSlurper()
    def baseIds = [amd64: dockerOut('image', 'inspect', '--format', '{{.Id}}', 'openim-it/debian:bookworm'),
                   arm64: dockerOut('image', 'inspect', '--format', '{{.Id}}', 'openim-it/debian:bookworm-arm64')]
    def baseNames = [amd64: 'docker.io/openim-it/debian:bookworm', arm64: 'docker.io/openim-it/debian:bookworm-arm64']
    platforms.each { arch ->
        def dir = new File(basedir, "_output/release-images/${arch}")
        binaries.each { name ->
            def archive = new File(dir, "${name}.tar")
            assert archive.isFile() && archive.length() > 0
            def tag = new File(dir, "${name}.docker_tag").text.trim()
            assert tag == "openim-it-release/${name}-${arch}:1.0.0_build.7".toString()
            assertLog(load(archive), "Loaded image: ${tag}")
            def inspect = dockerOut('image', 'inspect', '--format', '{{.Os}}/{{.Architecture}} {{.Created}}', tag)
            assert inspect.startsWith("linux/${arch} ") : inspect
            assert inspect.contains(created.replace('Z', '')) : "created ${inspect}, expected the commit time ${created}"
            if (arch == 'amd64') {
                assert dockerOut('run', '--rm', '--network', 'none', tag) == "${name} 1.0.0 linux/amd64".toString()
            }
            // The OCI labels, from the POM and the checkout; the base for generated images only.
            def labels = json.parseText(dockerOut('image', 'inspect', '--format', '{{json .Config.Labels}}', tag))
            def expected = ['org.opencontainers.image.source': 'https://github.com/openimsdk/openim-it-release',
                            'org.opencontainers.image.revision': revision,
                            'org.opencontainers.image.version': '1.0.0_build.7',
                            'org.opencontainers.image.created': created,
                            'org.opencontainers.image.title': name,
                            'org.opencontainers.image.licenses': 'Apache-2.0',
                            'org.opencontainers.image.description': 'The example server, as the release-images test builds it.']
            if (name != 'openim-rpc-user') {
                expected['org.opencontainers.image.base.name'] = baseNames[arch]
                expected['org.opencontainers.image.base.digest'] = baseIds[arch]
            }
            def oci = labels.findAll { k, v -> k.startsWith('org.opencontainers.image.') }
            assert oci == expected : "${tag} labels ${labels}"
            assert labels['io.openim.binary'] == name && labels['io.openim.managed'] == 'true'
            assert dockerOut('image', 'inspect', '--format', '{{.Config.User}}', tag) == '' : 'root by default'
            // The same as the manifest's annotations.
            def layoutIndex = json.parseText(sh(['tar', '-xOf', archive.path, 'index.json'])[1])
            def manifest = json.parseText(sh(['tar', '-xOf', archive.path,
                    'blobs/sha256/' + layoutIndex.manifests[0].digest.substring(7)])[1])
            assert manifest.annotations == expected : "${archive} manifest annotations ${manifest.annotations}"
            // Its SBOM: the image it describes, the binary's hash, the Go module and toolchain, the base.
            def sbomFile = new File(dir, "${name}.spdx.json")
            def sbom = json.parseText(sbomFile.text)
            assert sbom.spdxVersion == 'SPDX-2.3' && sbom.creationInfo.created == created
            def imagePackage = sbom.packages.find { it.primaryPackagePurpose == 'CONTAINER' && it.name == tag }
            assert imagePackage.externalRefs[0].referenceLocator.contains(layoutIndex.manifests[0].digest.replace(':', '%3A'))
            assert sbom.files[0].fileName == (name == 'openim-rpc-user' ? './opt/openim/openim-rpc-user' : "./usr/local/bin/${name}".toString())
            def binarySha = name == 'openim-rpc-user' ? sha256(new File(basedir, "_output/dockerized/bin/linux/${arch}/${name}")) : archivedBinarySha(archive, name)
            assert sbom.files[0].checksums.find { it.algorithm == 'SHA256' }.checksumValue == binarySha
            assert sbom.packages.any { it.name == 'github.com/openimsdk/openim-example' }
            assert sbom.packages.any { it.name == 'stdlib' && it.versionInfo.startsWith('go1.') }
            assert sbom.files[0].comment.contains("GOARCH=${arch}") && sbom.files[0].comment.contains('-trimpath=true')
            def base = sbom.packages.find { it.SPDXID == 'SPDXRef-Package-base-image' }
            assert name == 'openim-rpc-user' ? base == null : (base.name == baseNames[arch] && base.versionInfo == baseIds[arch])
            def installedSbom = new File(localRepositoryPath.toString(),
                    "io/openim/it/release-images/1.0.0+build.7/release-images-1.0.0+build.7-${name}-${arch}.spdx.json")
            assert installedSbom.isFile() && sha256(installedSbom) == sha256(sbomFile)
            if (name != 'openim-rpc-user') {
                def binary = new File(basedir, "_output/dockerized/bin/linux/${arch}/${name}")
                assert archivedBinarySha(archive, name) == sha256(binary) : "${archive} holds another ${name}"
            }
            def installed = new File(localRepositoryPath.toString(),
                    "io/openim/it/release-images/1.0.0+build.7/release-images-1.0.0+build.7-${name}-${arch}.tar")
            assert installed.isFile() && sha256(installed) == sha256(archive)
        }
        def (sumExit, sumOut) = sh(['sha256sum', '-c', 'SHA256SUMS'], dir)
        assert sumExit == 0 : sumOut
        assert sumOut.readLines().size() == 6 : sumOut
        assert sumOut.readLines().count { it.contains('.spdx.json: OK') } == 3 : sumOut
        assert !dir.listFiles().any { it.name.endsWith('.partial') }
    }
    // The per-binary Dockerfile's image, for each platform, with its own content.
    assert dockerOut('run', '--rm', '--network', 'none', '--entrypoint', 'cat',
            'openim-it-release/openim-rpc-user-amd64:1.0.0_build.7', '/etc/openim-custom-image') ==
            'built from build/images/openim-rpc-user'
    assert dockerOut('image', 'inspect', '--format', '{{.Architecture}}',
            'openim-it-release/openim-rpc-user-arm64:1.0.0_build.7') == 'arm64'
    loaded.unique().each { docker('rmi', '-f', it) }
    loaded.clear()

    // Reproducible: the same binaries and settings give the same archives, bit for bit.
    def sums = platforms.collectEntries { [it, new File(basedir, "_output/release-images/${it}/SHA256SUMS").text] }
    def (exitAgain, logAgain) = mvn('again', ['openim:image'])
    assert exitAgain == 0 : logAgain
    assert !logAgain.contains('Taking the base image') : 'the bases are kept from the first run'
    platforms.each { assert new File(basedir, "_output/release-images/${it}/SHA256SUMS").text == sums[it] }

        // The users' release workflow: its asset step, run here with a recording `gh`, gives every
    // archive a name of its own and a SHA256SUMS that verifies.
    def workflow = new File(exampleDir, '.github/workflows/release.yml').readLines()
    def start = workflow.findIndexOf { it.contains('- name: Attach the archives to the release') }
    def runAt = (start..<workflow.size()).find { workflow[it].trim() == 'run: |' }
    def indent = workflow[runAt].indexOf('run:') + 2
    def stepLines = workflow.drop(runAt + 1).takeWhile { it.trim().isEmpty() || it.indexOf(it.trim()) >= indent }
    def fakeBin = new File(basedir, 'fake-gh-bin')
    fakeBin.mkdirs()
    def ghCalls = new File(basedir, 'gh-calls.txt')
    new File(fakeBin, 'gh').text = "#!/bin/sh\necho \"\$*\" >> '${ghCalls.path}'\n[ \"\$1 \$2\" != 'release view' ]\n"
    new File(fakeBin, 'gh').setExecutable(true)
    def stepScript = new File(basedir, 'release-assets-step.sh')
    stepScript.text = 'set -eu\n' + stepLines.collect { it.length() > indent ? it.substring(indent) : it.trim() }.join('\n') + '\n'
    def stepProcess = new ProcessBuilder('bash', stepScript.path).directory(basedir).redirectErrorStream(true)
    stepProcess.environment().put('PATH', fakeBin.path + ':' + System.getenv('PATH'))
    stepProcess.environment().put('GITHUB_REF_NAME', 'v1.0.0')
    def stepRun = stepProcess.start()
    def stepOut = stepRun.inputStream.text
    assert stepRun.waitFor() == 0 : stepOut
    def assets = new File(basedir, '_output/release-assets')
    def expectedAssets = (binaries.collectMany { name -> platforms.collectMany { ["${name}-${it}.tar".toString(), "${name}-${it}.spdx.json".toString()] } } + ['SHA256SUMS']).sort()
    assert assets.list().toList().sort() == expectedAssets
    def (assetSumExit, assetSumOut) = sh(['sha256sum', '-c', 'SHA256SUMS'], assets)
    assert assetSumExit == 0 && assetSumOut.readLines().size() == 2 * binaries.size() * platforms.size() : assetSumOut
    def calls = ghCalls.readLines()
    assert calls[0] == 'release view v1.0.0' && calls[1].startsWith('release create v1.0.0 --verify-tag') : calls
    assert calls[2].startsWith('release upload v1.0.0 --clobber _output/release-assets/') : calls
    assets.deleteDir()

    // gzip archives, only for one image and with an extra tag.
    def (exit, log2) = mvn('gzip', ['openim:image', '-Dopenim.archive.compression=gzip', '-Dopenim.images=openim-api',
                                    '-Dopenim.extra.tags=latest', '-Dopenim.build.platforms=linux/amd64'])
    assert exit == 0 : log2
    def gz = new File(basedir, '_output/release-images/amd64/openim-api.tar.gz')
    def loadGz = load(gz)
    assert loadGz.contains('Loaded image: openim-it-release/openim-api-amd64:1.0.0_build.7') : loadGz
    assert loadGz.contains('Loaded image: openim-it-release/openim-api-amd64:latest') : loadGz
    def (sumExit2, sumOut2) = sh(['sha256sum', '-c', 'SHA256SUMS'], new File(basedir, '_output/release-images/amd64'))
    assert sumExit2 == 0 : sumOut2
    assert sumOut2.readLines().size() == 7 : sumOut2

    // keepImages: the archives loaded into the engine.
    def (exitKeep, logKeep) = mvn('keep', ['openim:image', '-Dopenim.keep.images=true', '-Dopenim.images=openim-api'])
    assert exitKeep == 0 : logKeep
    assertLog(logKeep, 'Loaded openim-it-release/openim-api-arm64:1.0.0_build.7 into the engine')
    loaded << 'openim-it-release/openim-api-amd64:1.0.0_build.7' << 'openim-it-release/openim-api-arm64:1.0.0_build.7'
    assert dockerOut('image', 'inspect', '--format', '{{.Architecture}}', 'openim-it-release/openim-api-arm64:1.0.0_build.7') == 'arm64'

    // Bad input: before anything is written.
    def (exit3, log3) = mvn('no-base', ['openim:image', '-Dopenim.base.image=openim-it/does-not-exist:1'])
    assert exit3 != 0
    assertLog(log3, 'The runtime base image openim-it/does-not-exist:1 for linux/amd64 is not on the Docker engine')
    assertLog(log3, "'pullBaseImage'")
    def (exit4, log4) = mvn('no-arm64-base', ['openim:image', '-Dopenim.base.images=linux/arm64=openim-it/debian:bookworm'])
    assert exit4 != 0
    assertLog(log4, 'The runtime base image openim-it/debian:bookworm on the engine is linux/amd64, not linux/arm64')
    assertLog(log4, "'runtimeBaseImages' (-Dopenim.base.images")
    def (exit5, log5) = mvn('bad-platform', ['openim:image', '-Dopenim.build.platforms=linux/amd64,linux/x86_64'])
    assert exit5 != 0
    assertLog(log5, "'linux/x86_64' in 'buildPlatforms' (-Dopenim.build.platforms, OPENIM_BUILD_PLATFORMS) is not a platform")
    def (exit6, log6) = mvn('missing-platform', ['openim:image', '-Dopenim.build.platforms=linux/s390x'])
    assert exit6 != 0
    assertLog(log6, 'asks for linux/s390x but')
    // A Dockerfile whose steps must run on arm64, on this amd64 engine without emulation.
    def dockerfile = new File(basedir, 'build/images/openim-rpc-user/Dockerfile')
    def original = dockerfile.text
    dockerfile.text = original + 'RUN echo needs-to-run\n'
    def emulated = new File('/proc/sys/fs/binfmt_misc/qemu-aarch64').exists()
    def (exit7, log7) = mvn('foreign-run', ['openim:image', '-Dopenim.images=openim-rpc-user', '-Dopenim.build.platforms=linux/arm64'])
    dockerfile.text = original
    if (emulated) {
        assert exit7 == 0 : log7
    } else {
        assert exit7 != 0
                assertLog(log7, 'has steps (RUN) that must run on linux/arm64, and this engine (linux/amd64) cannot run linux/arm64 programs')
    }
    // The failed build's step images (untagged, unlabelled) go too.
    def stepImagesLeft = dockerOut('images', '-a', '-q', '--filter', 'dangling=true').readLines().findAll { id ->
        id && docker('history', '--no-trunc', '--format', '{{.CreatedBy}}', id)[1].contains('/etc/openim-custom-image')
    }
        assert stepImagesLeft.isEmpty() : "the failed build left its step images: ${stepImagesLeft}"
    // A build that fails right after FROM made no image of its own: its base, which is not the
    // plugin's, stays (the only image ID that build printed is the base's).
    def failBase = 'openim-it/release-fail-base:1'
    def (baseExit, baseOut) = sh(['sh', '-c', "printf 'FROM openim-it/debian:bookworm\\nLABEL io.openim.it.fail-base=1\\n' | docker build -q -t ${failBase} -".toString()])
    assert baseExit == 0 : baseOut
    try {
        dockerfile.text = "FROM ${failBase}\nRUN exit 3\n".toString()
        def (exit8, log8) = mvn('fails-after-from', ['openim:image', '-Dopenim.images=openim-rpc-user', '-Dopenim.build.platforms=linux/amd64'])
        dockerfile.text = original
        assert exit8 != 0 : log8
        assertLog(log8, 'returned a non-zero code: 3')
        assert docker('image', 'inspect', failBase)[0] == 0 : "the failed build removed its base image:\n${log8}"
    } finally {
        dockerfile.text = original
        docker('rmi', '-f', failBase)
    }
    loaded.unique().each { docker('rmi', '-f', it) }
    loaded.clear()
    assert objectsOf(project).images.every { it.startsWith('openim-build:') } : objectsOf(project).images
} finally {
    loaded.unique().each { docker('rmi', '-f', it) }
    removeObjectsOf(project)
}
true
