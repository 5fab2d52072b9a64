// mvn install with openim:build and openim:image bound: binaries, one archive per binary that
// loads and runs, SHA256SUMS, the per-binary Dockerfile, attached artifacts, and gzip archives.
evaluate(new File(itShared, 'ItSupport.groovy'))
def project = 'io.openim.it:release-images'
def binaries = ['openim-api', 'openim-rpc-user', 'openim-msggateway']
def releaseDir = new File(basedir, '_output/release-images/amd64')
def loaded = []
try {
    def log = new File(basedir, 'build.log').text
    assertLog(log, 'Using ' + new File(basedir, 'build/images/openim-rpc-user/Dockerfile').path)
    // Archived images are removed from the engine unless keepImages is set.
    assert objectsOf(project).images.every { it.startsWith('openim-build:') } : objectsOf(project).images

    binaries.each { name ->
        def archive = new File(releaseDir, "${name}.tar")
        assert archive.isFile() && archive.length() > 0
        def tag = new File(releaseDir, "${name}.docker_tag").text.trim()
        assert tag == "openim-it-release/${name}-amd64:1.0.0_build.7".toString()
        def loadOut = dockerOut('load', '-i', archive.path)
        assert loadOut.contains("Loaded image: ${tag}") : loadOut
        loaded << tag
        assert dockerOut('run', '--rm', '--network', 'none', tag) == "${name} 1.0.0 linux/amd64".toString()
        // Attached with classifier NAME-ARCH and installed.
        def installed = new File(localRepositoryPath.toString(),
                "io/openim/it/release-images/1.0.0+build.7/release-images-1.0.0+build.7-${name}-amd64.tar")
        assert installed.isFile() && sha256(installed) == sha256(archive)
    }
    def (sumExit, sumOut) = sh(['sha256sum', '-c', 'SHA256SUMS'], releaseDir)
    assert sumExit == 0 : sumOut
    assert sumOut.readLines().size() == 3
    assert dockerOut('run', '--rm', '--network', 'none', '--entrypoint', 'cat',
            'openim-it-release/openim-rpc-user-amd64:1.0.0_build.7', '/etc/openim-custom-image') ==
            'built from build/images/openim-rpc-user'
    assert !releaseDir.listFiles().any { it.name.endsWith('.partial') }
    loaded.each { docker('rmi', '-f', it) }
    loaded.clear()

    // gzip archives, only for one image and with an extra tag.
    def (exit, log2) = mvn('gzip', ['openim:image', '-Dopenim.archive.compression=gzip', '-Dopenim.images=openim-api',
                                    '-Dopenim.extra.tags=latest'])
    assert exit == 0 : log2
    def gz = new File(releaseDir, 'openim-api.tar.gz')
    assert gz.isFile()
    def loadGz = dockerOut('load', '-i', gz.path)
    assert loadGz.contains('Loaded image: openim-it-release/openim-api-amd64:1.0.0_build.7') : loadGz
    assert loadGz.contains('Loaded image: openim-it-release/openim-api-amd64:latest') : loadGz
    loaded << 'openim-it-release/openim-api-amd64:1.0.0_build.7' << 'openim-it-release/openim-api-amd64:latest'
    def (sumExit2, sumOut2) = sh(['sha256sum', '-c', 'SHA256SUMS'], releaseDir)
    assert sumExit2 == 0 : sumOut2
    assert sumOut2.readLines().size() == 4

    // A missing runtime base image is named, with pullBaseImage as the way out.
    def (exit3, log3) = mvn('no-base', ['openim:image', '-Dopenim.base.image=openim-it/does-not-exist:1'])
    assert exit3 != 0
    assertLog(log3, 'openim-it/does-not-exist:1 is not on the Docker engine')
    assertLog(log3, "'pullBaseImage'")
} finally {
    loaded.each { docker('rmi', '-f', it) }
    removeObjectsOf(project)
}
true
