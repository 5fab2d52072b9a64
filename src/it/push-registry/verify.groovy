// openim:push against real registries (Debian's docker-registry, Distribution 2.8) that the test
// starts: the index lists both platforms with the archives' own digests, docker pull of the index
// runs the amd64 image, credentials from settings.xml (Maven-encrypted) and the Docker config,
// wrong credentials fail with the registry's reason and leave nothing, unreachable registries and
// plain HTTP off loopback are refused.
// As root: the registries it starts, the network namespace of the plain-HTTP case and the
// Docker config it writes are root's; what the user's files look like is dockerized-build's concern.
evaluate(new File(itShared, 'ItSupport.groovy'))
import groovy.json.JsonSlurper
def project = 'io.openim.it:push-registry'
def registries = []
def netns = "openimit${(System.nanoTime() % 100000)}".toString()
def netnsMade = false
def pulled = []
def json = new JsonSlurper()
def archiveManifest = { String arch, String name ->
    def index = json.parseText(sh(['tar', '-xOf', new File(basedir, "_output/release-images/${arch}/${name}.tar").path, 'index.json'])[1])
    index.manifests[0].digest
}
def archiveConfig = { String arch, String name ->
    def manifest = json.parseText(sh(['tar', '-xOf', new File(basedir, "_output/release-images/${arch}/${name}.tar").path, 'manifest.json'])[1])
    'sha256:' + manifest[0].Config.split('/')[-1]
}
def settingsWith = { String name, String servers ->
    def file = new File(basedir, "${name}.xml.it")
    file.text = itSettings.text.replace('<settings>', "<settings>\n  <servers>${servers}</servers>")
    file
}
try {
    // 1. mvn deploy to a registry on loopback, without authentication.
    def port = freePort()
    registries << startRegistry('127.0.0.1', port)
    def registry = "127.0.0.1:${port}".toString()
    def (exit1, log1) = mvnOnline('deploy', ['deploy', "-Dopenim.docker.registry=${registry}/openim".toString()])
    assert exit1 == 0 : log1
    assertLog(log1, "Pushed the index ${registry}/openim/openim-api:1.0.0 of [linux/amd64, linux/arm64]")
    def (skopeoExit, raw) = sh(['skopeo', 'inspect', '--tls-verify=false', '--raw', "docker://${registry}/openim/openim-api:1.0.0".toString()])
    assert skopeoExit == 0 : raw
    def index = json.parseText(raw)
    assert index.mediaType == 'application/vnd.oci.image.index.v1+json'
    assert index.manifests.collect { it.platform.architecture }.sort() == ['amd64', 'arm64']
    ['amd64', 'arm64'].each { arch ->
        assert index.manifests.find { it.platform.architecture == arch }.digest == archiveManifest(arch, 'openim-api') :
                "the index's ${arch} manifest is not the archive's"
        def (exitTag, tagRaw) = sh(['skopeo', 'inspect', '--tls-verify=false', '--raw', "docker://${registry}/openim/openim-api-${arch}:1.0.0".toString()])
        assert exitTag == 0 && json.parseText(tagRaw).config.digest == archiveConfig(arch, 'openim-api')
    }
    def image = "${registry}/openim/openim-api:1.0.0".toString()
    dockerOut('pull', image)
    pulled << image
    assert dockerOut('run', '--rm', '--network', 'none', image) == 'openim-api 1.0.0 linux/amd64'
    assert dockerOut('image', 'inspect', '--format', '{{.Id}}', image) == archiveConfig('amd64', 'openim-api') :
            'the engine pulled another image than the archive holds'

    // 1a. The SBOMs, as artifacts whose subject is each platform's manifest. Debian's registry
    // (Distribution 2.8) has no referrers API, so they are listed in the fallback index tagged
    // sha256-HEX, in the platform's repository and in the index's.
    def skopeoRaw = { String reference ->
        def (x, out) = sh(['skopeo', 'inspect', '--tls-verify=false', '--raw', "docker://${reference}".toString()])
        assert x == 0 : out
        json.parseText(out)
    }
    def archiveManifestSize = { String arch, String name ->
        json.parseText(sh(['tar', '-xOf', new File(basedir, "_output/release-images/${arch}/${name}.tar").path, 'index.json'])[1]).manifests[0].size
    }
    ['amd64', 'arm64'].each { arch ->
        def subject = archiveManifest(arch, 'openim-api')
        def sbomText = new File(basedir, "_output/release-images/${arch}/openim-api.spdx.json").text
        ["openim/openim-api-${arch}", 'openim/openim-api'].each { repository ->
            def (apiStatus, apiBody) = registryGet("http://${registry}/v2/${repository}/referrers/${subject}")
            assert apiStatus == 404 : "this registry has a referrers API after all: ${apiBody}"
            def fallback = skopeoRaw("${registry}/${repository}:sha256-${subject.substring(7)}")
            assert fallback.mediaType == 'application/vnd.oci.image.index.v1+json'
            assert fallback.manifests.size() == 1 : fallback
            assert fallback.manifests[0].artifactType == 'application/spdx+json'
            def artifact = skopeoRaw("${registry}/${repository}@${fallback.manifests[0].digest}")
            assert artifact.artifactType == 'application/spdx+json'
            assert artifact.subject.digest == subject && artifact.subject.size == archiveManifestSize(arch, 'openim-api')
            assert artifact.config.mediaType == 'application/vnd.oci.empty.v1+json'
            assert artifact.layers[0].annotations['org.opencontainers.image.title'] == 'openim-api.spdx.json'
            def (blobStatus, blobBody) = registryGet("http://${registry}/v2/${repository}/blobs/${artifact.layers[0].digest}")
            assert blobStatus == 200 && blobBody == sbomText : 'the pushed SBOM is not the archived one'
        }
    }
    assertLog(log1, ", listed in the fallback index sha256-${archiveManifest('amd64', 'openim-api').substring(7)}")
    // The index says what both platforms' manifests say alike; each platform's base is its own.
    assert index.annotations['org.opencontainers.image.title'] == 'openim-api'
    assert index.annotations['org.opencontainers.image.version'] == '1.0.0'
    assert !index.annotations.containsKey('org.opencontainers.image.base.digest') : index.annotations
    // Another tool's referrer in the fallback index stays when the plugin lists its SBOM again.
    def amd64Subject = archiveManifest('amd64', 'openim-api')
    def fallbackUrl = "http://${registry}/v2/openim/openim-api-amd64/manifests/sha256-${amd64Subject.substring(7)}"
    def empty = [mediaType: 'application/vnd.oci.empty.v1+json',
                 digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a', size: 2]
    def foreign = groovy.json.JsonOutput.toJson([schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json',
            artifactType: 'application/vnd.example.signature', config: empty, layers: [empty],
            subject: [mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: amd64Subject,
                      size: archiveManifestSize('amd64', 'openim-api')]]).bytes
    def foreignDigest = 'sha256:' + java.security.MessageDigest.getInstance('SHA-256').digest(foreign).encodeHex()
    def registryPut = { String url, String type, byte[] body ->
        def connection = new URL(url).openConnection()
        connection.requestMethod = 'PUT'
        connection.doOutput = true
        connection.setRequestProperty('Content-Type', type)
        connection.outputStream.withStream { it.write(body) }
        connection.responseCode
    }
    assert registryPut("http://${registry}/v2/openim/openim-api-amd64/manifests/${foreignDigest}", 'application/vnd.oci.image.manifest.v1+json', foreign) == 201
    def foreignOnly = groovy.json.JsonOutput.toJson([schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json',
            manifests: [[mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: foreignDigest, size: foreign.length,
                         artifactType: 'application/vnd.example.signature', annotations: [by: 'another tool']]]]).bytes
    assert registryPut(fallbackUrl, 'application/vnd.oci.image.index.v1+json', foreignOnly) == 201
    def (exitAgain, logAgain) = mvn('push-again', ['openim:push', "-Dopenim.docker.registry=${registry}/openim".toString(),
            '-Dopenim.images=openim-api'])
    assert exitAgain == 0 : logAgain
    assertLog(logAgain, ', already listed in the fallback index sha256-')
    def kept = skopeoRaw("${registry}/openim/openim-api-amd64:sha256-${amd64Subject.substring(7)}")
    assert kept.manifests.collect { it.artifactType } == ['application/vnd.example.signature', 'application/spdx+json'] : kept
    assert kept.manifests[0].annotations.by == 'another tool'

        // 1b. That index as the runtime base of both platforms, pulled per platform: on the engine the
    // name holds one platform at a time (it holds amd64 from the pull above), so each platform's
    // base is pulled for it and taken by ID.
    def amd64Api = json.parseText(sh(['tar', '-xOf', new File(basedir, '_output/release-images/amd64/openim-api.tar').path,
            "blobs/sha256/${archiveConfig('amd64', 'openim-api').substring(7)}".toString()])[1])
    def arm64Api = json.parseText(sh(['tar', '-xOf', new File(basedir, '_output/release-images/arm64/openim-api.tar').path,
            "blobs/sha256/${archiveConfig('arm64', 'openim-api').substring(7)}".toString()])[1])
    // The pull moves the name to the arm64 image; both go by ID at the end.
    pulled << archiveConfig('amd64', 'openim-api') << archiveConfig('arm64', 'openim-api')
    def (exitPulled, logPulled) = mvn('image-pulled-base', ['openim:image', '-Dopenim.images=openim-rpc-user',
            "-Dopenim.base.image=${image}".toString(), "-Dopenim.base.images=linux/arm64=${image}".toString(),
            '-Dopenim.pull.base.image=true', "-Dopenim.docker.registry=${registry}/openim".toString()])
    assert exitPulled == 0 : logPulled
    assertLog(logPulled, "Pulling ${image} for linux/arm64")
    ['amd64': amd64Api, 'arm64': arm64Api].each { arch, api ->
        def config = json.parseText(sh(['tar', '-xOf', new File(basedir, "_output/release-images/${arch}/openim-rpc-user.tar").path,
                "blobs/sha256/${archiveConfig(arch, 'openim-rpc-user').substring(7)}".toString()])[1])
        assert config.architecture == arch
        assert config.rootfs.diff_ids.take(api.rootfs.diff_ids.size()) == api.rootfs.diff_ids :
                "the ${arch} image is not on the ${arch} image of the index"
    }

    // 2. A registry with htpasswd authentication.
    def htpasswd = new File(basedir, 'registry-htpasswd')
    def (hx, hout) = sh(['htpasswd', '-Bbc', htpasswd.path, 'pusher', 'right-secret'])
    assert hx == 0 : hout
    def port2 = freePort()
    registries << startRegistry('127.0.0.1', port2, htpasswd)
    def secured = "127.0.0.1:${port2}".toString()
    def push = { String name, List<String> extra = [] ->
        mvn(name, ['openim:push', "-Dopenim.docker.registry=${secured}/openim".toString()] + extra)
    }
    // The archives were made for the first registry: refused, they carry other references.
    def (exitOther, logOther) = push('push-other-references')
    assert exitOther != 0
    assertLog(logOther, "holds [${registry}/openim/openim-api-amd64:1.0.0], not ${secured}/openim/openim-api-amd64:1.0.0")
    def (exitImage, logImage) = mvn('image-secured', ['openim:image', "-Dopenim.docker.registry=${secured}/openim".toString()])
    assert exitImage == 0 : logImage
    def (exitAnon, logAnon) = push('push-anonymous')
    assert exitAnon != 0
    assertLog(logAnon, "The registry ${secured} wants a user name and password")
    def wrong = settingsWith('settings-wrong', "<server><id>${secured}</id><username>pusher</username><password>wrong</password></server>")
    def (exitWrong, logWrong) = sh(mvnCommand(basedir, ['openim:push', "-Dopenim.docker.registry=${secured}/openim".toString()])
            .collect { it == itSettings.path ? wrong.path : it }, basedir)
    new File(basedir, 'push-wrong.log').text = logWrong
    assert exitWrong != 0
    assertLog(logWrong, "The registry ${secured} refused to")
    assertLog(logWrong, '401 (unauthorized)')
    assertLog(logWrong, 'The registry refused the credential of pusher (from the <server>')
    assert !logWrong.contains('wrong') || logWrong.indexOf('wrong') == logWrong.indexOf('settings-wrong') : 'a password in the log'
    assertLog(logWrong, 'No index was pushed.')
    // Nothing half-written: no repository got a tag.
    def (tagsStatus, tagsBody) = registryGet("http://${secured}/v2/openim/openim-api-amd64/tags/list", 'pusher:right-secret')
    assert tagsStatus == 404 && tagsBody.contains('NAME_UNKNOWN') : "${tagsStatus} ${tagsBody}"
    // The right password, encrypted with Maven's master password.
    def security = new File(basedir, 'settings-security.xml.it')
    def (mx, master) = sh([new File(mavenHome, 'bin/mvn').path, '--encrypt-master-password', 'it-master-password'])
    assert mx == 0 : master
    security.text = "<settingsSecurity><master>${master.readLines().find { it.startsWith('{') }.trim()}</master></settingsSecurity>"
    def (ex, encrypted) = sh([new File(mavenHome, 'bin/mvn').path, '--encrypt-password', 'right-secret',
                              "-Dsettings.security=${security.path}".toString()])
    assert ex == 0 : encrypted
    def right = settingsWith('settings-right', "<server><id>${secured}</id><username>pusher</username><password>${encrypted.readLines().find { it.startsWith('{') }.trim()}</password></server>")
    def (exitRight, logRight) = sh(mvnCommand(basedir, ['openim:push', "-Dopenim.docker.registry=${secured}/openim".toString(),
            "-Dsettings.security=${security.path}".toString()]).collect { it == itSettings.path ? right.path : it }, basedir)
    new File(basedir, 'push-right.log').text = logRight
    assert exitRight == 0 : logRight
    assertLog(logRight, "Pushed the index ${secured}/openim/openim-rpc-user:1.0.0 of [linux/amd64, linux/arm64]")
    // The Docker CLI's config.json, when settings.xml names no server; an extra tag is an alias of the same image.
    def dockerConfig = new File(basedir, 'registry-docker-config')
    dockerConfig.mkdirs()
    new File(dockerConfig, 'config.json').text = """{"auths":{"${secured}":{"auth":"${'pusher:right-secret'.bytes.encodeBase64()}"}}}"""
    def (exitDockerConfig2, logDockerConfig2) = mvnEnv('push-docker-config-2', ['openim:push', "-Dopenim.docker.registry=${secured}/openim".toString(),
            '-Dopenim.images=openim-api', '-Dopenim.extra.tags=from-docker-config'], [DOCKER_CONFIG: dockerConfig.path])
    assert exitDockerConfig2 == 0 : logDockerConfig2
    def (tagStatus2, tagBody2) = registryGet("http://${secured}/v2/openim/openim-api/tags/list", 'pusher:right-secret')
    assert tagStatus2 == 200 && tagBody2.contains('from-docker-config') : tagBody2

    // 3. A registry nobody answers for.
    def closed = freePort()
    def (exitGone, logGone) = mvn('push-unreachable', ['openim:push', "-Dopenim.docker.registry=127.0.0.1:${closed}/openim".toString(),
            '-Dopenim.images=openim-api'])
    assert exitGone != 0
    // The archives name the secured registry; a run of image first, for the closed port.
    def (exitImage3, logImage3) = mvn('image-unreachable', ['openim:image', "-Dopenim.docker.registry=127.0.0.1:${closed}/openim".toString(),
            '-Dopenim.images=openim-api'])
    assert exitImage3 == 0 : logImage3
    def (exitGone2, logGone2) = mvn('push-unreachable-2', ['openim:push', "-Dopenim.docker.registry=127.0.0.1:${closed}/openim".toString(),
            '-Dopenim.images=openim-api'])
    assert exitGone2 != 0
    assertLog(logGone2, "The registry 127.0.0.1:${closed} is unreachable at http://127.0.0.1:${closed}")

    // 4. Plain HTTP off loopback: a registry in a network namespace of the test's own.
        netnsMade = true
    makeNetns(netns, '10.213.91')
    registries << startRegistry('10.213.91.2', 5000, null, netns)
    def remote = '10.213.91.2:5000'
    def (exitImage4, logImage4) = mvn('image-remote', ['openim:image', "-Dopenim.docker.registry=${remote}/openim".toString()])
    assert exitImage4 == 0 : logImage4
    def (exitHttp, logHttp) = mvn('push-http', ['openim:push', "-Dopenim.docker.registry=${remote}/openim".toString()])
    assert exitHttp != 0
    assertLog(logHttp, "The registry ${remote} does not speak HTTPS at https://${remote}")
    assertLog(logHttp, "add ${remote} to 'insecureRegistries' (-Dopenim.insecure.registries")
    def (exitInsecure, logInsecure) = mvn('push-insecure', ['openim:push', "-Dopenim.docker.registry=${remote}/openim".toString(),
            "-Dopenim.insecure.registries=${remote}".toString()])
    assert exitInsecure == 0 : logInsecure
    assertLog(logInsecure, "Pushed the index ${remote}/openim/openim-api:1.0.0 of [linux/amd64, linux/arm64]")
    // skipPush
    def (exitSkip, logSkip) = mvn('push-skipped', ['openim:push', '-Dopenim.push.skip=true'])
    assert exitSkip == 0 : logSkip
    assertLog(logSkip, 'Skipping openim:push')
} finally {
    pulled.each { docker('rmi', '-f', it) }
    registries.each { it.destroyForcibly().waitFor() }
        if (netnsMade) {
        removeNetns(netns)
    }
    removeObjectsOf(project)
}
true
