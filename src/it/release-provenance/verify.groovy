// What release images say of where they come from, on the real engine: the image user on scratch
// (numbers) and on the Debian base (a name), the binary runnable by it; the POM's labels map
// adding and removing labels; the SBOM against `go version -m` run in the build image (Go
// version, main package, the dependency module with its h1: sum, the build settings); a
// binary without Go build information (a shell script) warned about and left without an SBOM;
// a name on scratch refused before anything changes; the archives reproducible.
// As root: labels, image user and SBOM are the images' content, the same whoever runs Maven;
// ownership is dockerized-build's concern.
import groovy.json.JsonSlurper

evaluate(new File(itShared, 'ItSupport.groovy'))
def project = 'io.openim.it:release-provenance'
def json = new JsonSlurper()
def loaded = []
def release = new File(basedir, '_output/release-images/amd64')
def load = { String name ->
    def out = dockerOut('load', '-i', new File(release, "${name}.tar").path)
    def tag = "openim-it-provenance/${name}-amd64:2.0.0".toString()
    assert out.contains("Loaded image: ${tag}") : out
    loaded << tag
    tag
}
try {
    def log = new File(basedir, 'build.log').text
    assertLog(log, 'Making 2 release image(s)')

    // 1. scratch, 65532:65532: the binary runs as that user.
    def whoami = load('openim-whoami')
    assert dockerOut('image', 'inspect', '--format', '{{.Config.User}}', whoami) == '65532:65532'
    assert dockerOut('run', '--rm', '--network', 'none', whoami) == 'hello uid=65532 gid=65532 linux/amd64'
    def api = load('openim-api')
    assert dockerOut('run', '--rm', '--network', 'none', api) == 'openim-api 1.0.0 linux/amd64'
    // The labels map: vendor added, source (from <url>) removed; no base on scratch.
    def labels = json.parseText(dockerOut('image', 'inspect', '--format', '{{json .Config.Labels}}', whoami))
    assert labels['org.opencontainers.image.vendor'] == 'OpenIM IT' : labels
    assert !labels.containsKey('org.opencontainers.image.source') : labels
    assert !labels.containsKey('org.opencontainers.image.base.name') : labels
    assert !labels.containsKey('org.opencontainers.image.licenses') : 'the POM has no licenses'
    assert labels['org.opencontainers.image.revision'] == sh(['git', 'rev-parse', 'HEAD'])[1].trim()

    // 2. The SBOM against what the Go toolchain itself reads from the binary.
    def (goExit, goLog) = mvn('go-version-m', ['openim:run', '-Dopenim.command=go version -m _output/dockerized/bin/linux/amd64/openim-whoami'])
    assert goExit == 0 : goLog
    def goLines = goLog.readLines().collect { it.replaceFirst(/^\[INFO\] ?/, '') }
    def header = goLines.find { it.startsWith('_output/dockerized/bin/linux/amd64/openim-whoami: go') }
    assert header : goLog
    def goVersion = header.substring(header.indexOf(': ') + 2).trim()
    def fields = goLines.findAll { it.startsWith('\t') }.collect { it.substring(1).split('\t', -1) as List }
    def path = fields.find { it[0] == 'path' }[1]
    def mod = fields.find { it[0] == 'mod' }
    def deps = fields.findAll { it[0] == 'dep' }
    def builds = fields.findAll { it[0] == 'build' }.collect { it[1] }
    assert deps.size() == 1 && deps[0][1] == 'example.com/greet' && deps[0][2] == 'v1.2.3' && deps[0][3].startsWith('h1:') : fields
    def sbom = json.parseText(new File(release, 'openim-whoami.spdx.json').text)
    def stdlib = sbom.packages.find { it.name == 'stdlib' }
    assert stdlib.versionInfo == goVersion
    assert sbom.packages.find { it.name == mod[1] } : "no main module ${mod[1]}"
    def greet = sbom.packages.find { it.name == 'example.com/greet' }
    assert greet.versionInfo == 'v1.2.3'
    assert greet.comment == "go.sum ${deps[0][3]}".toString()
    assert greet.checksums[0].checksumValue == deps[0][3].substring(3).decodeBase64().encodeHex().toString()
    assert greet.externalRefs[0].referenceLocator == 'pkg:golang/example.com/greet@v1.2.3'
    def comment = sbom.files[0].comment
    assert comment.startsWith("Built by ${goVersion} from the package ${path}; build settings: ".toString()) : comment
    builds.findAll { !it.split('=')[0].endsWith('flags') }.each { assert comment.contains(it) : "${it} not in ${comment}" }
    assert sbom.files[0].checksums.find { it.algorithm == 'SHA256' }.checksumValue ==
            sha256(new File(basedir, '_output/dockerized/bin/linux/amd64/openim-whoami'))
    assert sbom.relationships.any { it.relationshipType == 'DEPENDS_ON' && it.relatedSpdxElement == greet.SPDXID }
    assert !sbom.packages.any { it.SPDXID == 'SPDXRef-Package-base-image' } : 'scratch is no package'

    // 3. Reproducible, SBOMs included.
    def sums = new File(release, 'SHA256SUMS').text
    assert sums.readLines().size() == 4 : sums
    def (againExit, againLog) = mvn('again', ['openim:image'])
    assert againExit == 0 : againLog
    assert new File(release, 'SHA256SUMS').text == sums

    // 4. A name on scratch: refused before anything is written.
    def before = release.listFiles().collectEntries { [it.name, sha256(it)] }
    def (nameExit, nameLog) = mvn('name-on-scratch', ['openim:image', '-Dopenim.image.user=nobody'])
    assert nameExit != 0
    assertLog(nameLog, "'nobody', a name, but the base of runtimeBaseImage is scratch")
    assert release.listFiles().collectEntries { [it.name, sha256(it)] } == before

    // 5. The Debian base and a user name: the base's /etc/passwd knows it.
    loaded.each { docker('rmi', '-f', it) }
    loaded.clear()
    def (debianExit, debianLog) = mvn('debian-nobody', ['openim:image', '-Dopenim.base.image=openim-it/debian:bookworm',
            '-Dopenim.image.user=nobody', '-Dopenim.images=openim-whoami'])
    assert debianExit == 0 : debianLog
    whoami = load('openim-whoami')
    assert dockerOut('image', 'inspect', '--format', '{{.Config.User}}', whoami) == 'nobody'
    assert dockerOut('run', '--rm', '--network', 'none', whoami) == 'hello uid=65534 gid=65534 linux/amd64'
    assert dockerOut('run', '--rm', '--network', 'none', '--entrypoint', 'id', whoami) == 'uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)'
    assert dockerOut('run', '--rm', '--network', 'none', '--entrypoint', 'stat', whoami, '-c', '%a %U', '/usr/local/bin/openim-whoami') == '755 root'
    def debianSbom = json.parseText(new File(release, 'openim-whoami.spdx.json').text)
    def base = debianSbom.packages.find { it.SPDXID == 'SPDXRef-Package-base-image' }
    assert base.name == 'docker.io/openim-it/debian:bookworm'
    assert base.versionInfo == dockerOut('image', 'inspect', '--format', '{{.Id}}', 'openim-it/debian:bookworm')

    // 6. A binary without Go build information: a warning naming it, an archive, no SBOM.
    def script = new File(basedir, '_output/dockerized/bin/linux/amd64/openim-tool')
    script.text = '#!/bin/sh\necho tool\n'
    script.setExecutable(true)
    def (toolExit, toolLog) = mvn('no-build-info', ['openim:image', '-Dopenim.images=openim-tool'])
    assert toolExit == 0 : toolLog
    assertLog(toolLog, "[WARNING] No SBOM for openim-tool (linux/amd64): ${script.path}: it is not an ELF binary.")
    assert new File(release, 'openim-tool.tar').isFile()
    assert !new File(release, 'openim-tool.spdx.json').exists()
    def (sumExit, sumOut) = sh(['sha256sum', '-c', 'SHA256SUMS'], release)
    assert sumExit == 0 : sumOut
    // The archives loaded here are gone again; what the plugin made leaves only the build image.
    loaded.each { docker('rmi', '-f', it) }
    loaded.clear()
    assert objectsOf(project).images.every { it.startsWith('openim-build:') } : objectsOf(project).images
} finally {
    loaded.each { docker('rmi', '-f', it) }
    removeObjectsOf(project)
}
true
