// The engine over TCP+TLS with client-certificate verification, at an address that is not this
// machine's loopback: a TLS front (stunnel) in a network namespace the test makes, forwarding to the
// engine's socket. Through it: a whole build (stream sync, no port published), a command quiet
// for 15 s, openim:image, openim:clean; dockerHost with the CLI's TLS variables; a TLS context.
// Then what must fail, each with its own reason and in bounded time: a wrong CA, no client
// certificate, plain text to the TLS port, an endpoint that accepts and never answers.
// As root: the network namespace, its veth pair and the TLS front in it need root to make.
evaluate(new File(itShared, 'ItSupport.groovy'))
import java.util.concurrent.TimeUnit

def project = 'io.openim.it:engine-tls'
def netns = "openimtls${(System.nanoTime() % 10000)}".toString()
def certs = new File(basedir, 'certs')
def maven = null

def run = { List<String> command, File dir = certs -> def (e, o) = sh(command, dir); assert e == 0 : "${command}: ${o}"; o }
def writeExt = { String name, String text -> new File(certs, name).text = text }
def dirWith = { String name, Map<String, String> files ->
    def dir = new File(certs, name)
    dir.mkdirs()
    files.each { target, source -> new File(dir, target).bytes = new File(certs, source).bytes }
    dir
}
def timed = { Closure action ->
    long start = System.nanoTime()
    def result = action()
    [result, (System.nanoTime() - start) / 1_000_000_000d]
}

try {
    def address = makeNetns(netns, '10.213.92')
    def host = "tcp://${address}:2376".toString()

    // A CA, the engine's certificate (naming the namespace's address), a client certificate, and a
    // second CA that signed neither.
    certs.mkdirs()
    run(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca-key.pem', '-out', 'ca.pem', '-days', '2',
         '-subj', '/CN=openim-it-ca'])
    run(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'other-ca-key.pem', '-out', 'other-ca.pem',
         '-days', '2', '-subj', '/CN=openim-it-other-ca'])
    writeExt('server.ext', "subjectAltName=IP:${address}\nextendedKeyUsage=serverAuth\n")
    writeExt('client.ext', 'extendedKeyUsage=clientAuth\n')
    ['server', 'client'].each { who ->
        run(['openssl', 'req', '-newkey', 'rsa:2048', '-nodes', '-keyout', "${who}-key.pem".toString(), '-out', "${who}.csr".toString(),
             '-subj', "/CN=openim-it-${who}".toString()])
        run(['openssl', 'x509', '-req', '-in', "${who}.csr".toString(), '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial',
             '-out', "${who}-cert.pem".toString(), '-days', '2', '-extfile', "${who}.ext".toString()])
    }
        run(['openssl', 'req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'stranger-key.pem', '-out', 'stranger.csr',
         '-subj', '/CN=openim-it-stranger'])
    run(['openssl', 'x509', '-req', '-in', 'stranger.csr', '-CA', 'other-ca.pem', '-CAkey', 'other-ca-key.pem',
         '-CAcreateserial', '-out', 'stranger-cert.pem', '-days', '2', '-extfile', 'client.ext'])
    def clientDir = dirWith('client', ['ca.pem': 'ca.pem', 'cert.pem': 'client-cert.pem', 'key.pem': 'client-key.pem'])
    def strangerDir = dirWith('stranger', ['ca.pem': 'ca.pem', 'cert.pem': 'stranger-cert.pem', 'key.pem': 'stranger-key.pem'])
    def wrongCaDir = dirWith('wrong-ca', ['ca.pem': 'other-ca.pem', 'cert.pem': 'client-cert.pem', 'key.pem': 'client-key.pem'])
    def noClientDir = dirWith('no-client', ['ca.pem': 'ca.pem'])

        // In the namespace: the engine in plain TCP on 2375 (socat to its socket); the TLS front on
    // 2376 (stunnel, which requires a client certificate signed by the CA, and resumes sessions
    // as dockerd does); an endpoint on 2377 that accepts connections and never says a word.
    def plain = new ProcessBuilder('ip', 'netns', 'exec', netns, 'socat',
            "TCP-LISTEN:2375,bind=${address},reuseaddr,fork".toString(), 'UNIX-CONNECT:/var/run/docker.sock')
            .redirectErrorStream(true).redirectOutput(new File(basedir, 'plain-front.log')).start()
    def stunnelConf = new File(certs, 'stunnel.conf')
    stunnelConf.text = """foreground = yes
pid =
debug = notice
[engine]
accept = ${address}:2376
connect = ${address}:2375
cert = ${certs}/server-cert.pem
key = ${certs}/server-key.pem
CAfile = ${certs}/ca.pem
requireCert = yes
verifyChain = yes
"""
    def front = new ProcessBuilder('ip', 'netns', 'exec', netns, 'stunnel', stunnelConf.path)
            .redirectErrorStream(true).redirectOutput(new File(basedir, 'tls-front.log')).start()
    def silent = new ProcessBuilder('ip', 'netns', 'exec', netns, 'socat',
            "TCP-LISTEN:2377,bind=${address},reuseaddr,fork".toString(), 'SYSTEM:sleep 600')
            .redirectErrorStream(true).redirectOutput(new File(basedir, 'silent.log')).start()
    def deadline = System.currentTimeMillis() + 10_000
    while (System.currentTimeMillis() < deadline) {
                if (sh(['ip', 'netns', 'exec', netns, 'sh', '-c',
                'ss -ltn | grep -q ":2375 " && ss -ltn | grep -q ":2376 " && ss -ltn | grep -q ":2377 "'])[0] == 0) {
            break
        }
        assert front.alive && plain.alive && silent.alive : new File(basedir, 'tls-front.log').text
        Thread.sleep(100)
    }
    def tls = { File dir -> ["-Dopenim.docker.host=${host}".toString(), '-Dopenim.docker.tls.verify=true',
                             "-Dopenim.docker.cert.path=${dir.path}".toString()] }

    // 1. A whole build through TLS; the engine is elsewhere, so the sync goes over the engine's API.
    def (exitBuild, logBuild) = mvn('tls-build', ['openim:build'] + tls(clientDir))
    assert exitBuild == 0 : logBuild
    assertLog(logBuild, 'Sync over the engine connection (syncTransport=stream): no port published')
    assert new File(basedir, '_output/dockerized/bin/linux/amd64/openim-api').canExecute()
    def hash = hashIn(logBuild)

    // 2. A command that prints nothing for 15 s: the TLS stream must not time out. Meanwhile the
    // rsync container has no network and publishes nothing.
    maven = mvnBackground('tls-quiet', ['openim:run', '-Dopenim.command=echo quiet-start; sleep 15; echo quiet-end'] + tls(clientDir))
    awaitOutput('tls-quiet', 'quiet-start', maven)
    def rsync = "openim-rsync-${hash}-1".toString()
    assert dockerOut('inspect', '--format', '{{.HostConfig.NetworkMode}} {{json .HostConfig.PortBindings}}', rsync) ==~ /none (null|\{\})/
    assert maven.waitFor(120, TimeUnit.SECONDS)
    def quiet = new File(basedir, 'tls-quiet.log').text
    assert maven.exitValue() == 0 : quiet
    assertLog(quiet, 'quiet-end')
    maven = null

    // 3. Release images through TLS.
    def (exitImage, logImage) = mvn('tls-image', ['openim:image'] + tls(clientDir))
    assert exitImage == 0 : logImage
    assert new File(basedir, '_output/release-images/amd64/openim-api.tar').isFile()

    // 4. dockerHost with the docker CLI's TLS variables (they used to be ignored on this path).
    def (exitEnv, logEnv) = mvnEnv('tls-env', ['openim:sync', "-Dopenim.docker.host=${host}".toString()],
            ['DOCKER_TLS_VERIFY': '1', 'DOCKER_CERT_PATH': clientDir.path])
    assert exitEnv == 0 : logEnv
    assertLog(logEnv, 'syncTransport=stream')

    // 5. A Docker context with TLS, laid out as `docker context create` does.
    def config = new File(basedir, 'docker-config')
    def id = java.security.MessageDigest.getInstance('SHA-256').digest('it-tls'.bytes).encodeHex().toString()
    new File(config, "contexts/meta/${id}").mkdirs()
    new File(config, "contexts/meta/${id}/meta.json").text =
            """{"Name":"it-tls","Metadata":{},"Endpoints":{"docker":{"Host":"${host}","SkipTLSVerify":false}}}"""
    def store = new File(config, "contexts/tls/${id}/docker")
    store.mkdirs()
    clientDir.eachFile { new File(store, it.name).bytes = it.bytes }
    new File(config, 'config.json').text = '{"currentContext":"it-tls"}'
    def (exitContext, logContext) = mvnEnv('tls-context', ['openim:sync'], ['DOCKER_CONFIG': config.path])
    assert exitContext == 0 : logContext
    assertLog(logContext, 'syncTransport=stream')

        // 5b. Plain TCP to an engine elsewhere: also the stream transport, chosen by itself.
    def (exitPlain, logPlain) = mvn('tcp-plain', ['openim:sync', "-Dopenim.docker.host=tcp://${address}:2375".toString()])
    assert exitPlain == 0 : logPlain
    assertLog(logPlain, 'syncTransport=stream')

    // 6. What must fail, each with its own reason, none with "start Docker", all quickly.
    def failing = { String name, List<String> args, String expected, double within ->
        def (outcome, seconds) = timed { mvn(name, args) }
        def (exit, log) = outcome
        assert exit != 0 : log
        assertLog(log, expected)
        assert !log.contains('Start Docker') : log
        assert !log.contains('\tat ') : log
        assert seconds < within : "${name} took ${seconds} s"
    }
    failing('tls-wrong-ca', ['openim:sync'] + tls(wrongCaDir),
            "the engine's certificate is not signed by the authority in ${wrongCaDir.path}/ca.pem", 30)
    failing('tls-no-client-cert', ['openim:sync'] + tls(noClientDir),
            "the engine wants a client certificate and ${noClientDir.path} has none", 30)
            failing('tls-client-refused', ['openim:sync'] + tls(strangerDir),
            "the engine refused this client's certificate (${strangerDir.path}/cert.pem)", 30)
    failing('tls-plain', ['openim:sync', "-Dopenim.docker.host=${host}".toString()],
            "reset the connection, as a TLS endpoint (usually port 2376) does to plain text: set 'dockerTlsVerify'", 30)
    failing('tls-silent', ['openim:sync', "-Dopenim.docker.host=tcp://${address}:2377".toString()],
            "The Docker engine at tcp://${address}:2377", 60)
    assertLog(new File(basedir, 'tls-silent.log').text, 'accepted, but nothing answered /version within 30 s')
    failing('tls-missing-files', ['openim:sync'] + tls(new File(certs, 'nowhere')),
            "Cannot use TLS for ${host}: the TLS directory ${certs}/nowhere", 30)
    assert objectsOf(project).containers.every { it.endsWith(' data') } : objectsOf(project)

    // 7. openim:clean through TLS removes everything of this checkout.
    def (exitClean, logClean) = mvn('tls-clean', ['openim:clean'] + tls(clientDir))
    assert exitClean == 0 : logClean
    def left = objectsOf(project)
    assert left.containers.isEmpty() && left.volumes.isEmpty() : left
} finally {
    maven?.destroyForcibly()?.waitFor()
    removeNetns(netns)
    removeObjectsOf(project)
}
true
