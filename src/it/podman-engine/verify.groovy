// The core goals against Podman's Docker-compatible API (`podman system service`, started and
// stopped here with the configuration the bootstrap script writes): a cold and a no-op build, a
// command over the stream transport, Ctrl-C cleanup, release images that Podman loads and runs,
// and clean. Every check of what is left asks Podman itself.
// As root: this is root's Podman service and its storage; rootless Podman as the test user is
// user-rootless.
evaluate(new File(itShared, 'ItSupport.groovy'))
import java.util.concurrent.TimeUnit

def project = 'io.openim.it:podman-engine'
def socket = new File("/tmp/openim-it-podman-${ProcessHandle.current().pid()}.sock")
def host = "unix://${socket.path}".toString()
def engine = ["-Dopenim.docker.host=${host}".toString()]
def conf = System.getenv('OPENIM_IT_PODMAN_CONF') ?: '/var/lib/openim-it/podman/containers.conf'
def service = null
def maven = null
def loaded = []
// The checkout hashes the plugin named this project's objects with, for the conmon clean-up below.
def hashes = [] as Set
def roles = { objectsOf(project, host).containers.collect { it.split(' ')[1] }.sort() }
try {
    assert new File(conf).isFile() : "${conf} is missing: run scripts/docker-bootstrap.sh"
    socket.delete()
    def builder = new ProcessBuilder('podman', 'system', 'service', '--time=0', host)
            .redirectErrorStream(true).redirectOutput(new File(basedir, 'podman-service.log'))
    builder.environment().put('CONTAINERS_CONF', conf)
    service = builder.start()
    def deadline = System.currentTimeMillis() + 30_000
    while (sh(['curl', '-sf', '--max-time', '2', '--unix-socket', socket.path, 'http://podman/_ping'])[0] != 0) {
        assert service.alive && System.currentTimeMillis() < deadline : new File(basedir, 'podman-service.log').text
        Thread.sleep(100)
    }
    assert dockerOutAt(host, ['version', '--format', '{{.Server.Version}}']) ==~ /4\..*/

    // A cold build: the build image built by Podman, data container, sync in over a published port,
    // the command, copy out. Then a no-op build.
    def (exitCold, logCold) = mvn('podman-cold', ['openim:build'] + engine)
    assert exitCold == 0 : logCold
    assertLog(logCold, 'Sync through port')
    def binary = new File(basedir, '_output/dockerized/bin/linux/amd64/openim-api')
    assert binary.canExecute()
    hashes.addAll(dockerOutAt(host, ['ps', '-a', '--filter', "label=io.openim.project=${project}".toString(), '--format',
            '{{.Label "io.openim.hash"}}']).readLines().findAll { it })
    assert !hashes.isEmpty()
    def (exitNoop, logNoop) = mvn('podman-noop', ['openim:build'] + engine)
    assert exitNoop == 0 : logNoop
    assertLog(logNoop, 'is up to date')
    assert roles() == ['data']

    // The stream transport works on Podman too (its exec takes the connection over like Docker's).
    def (exitStream, logStream) = mvn('podman-stream', ['openim:run', '-Dopenim.command=ls /workspace/cmd && echo podman-stream-ok',
            '-Dopenim.sync.transport=stream'] + engine)
    assert exitStream == 0 : logStream
    assertLog(logStream, 'syncTransport=stream')
    assertLog(logStream, 'openim-api')
    assertLog(logStream, 'podman-stream-ok')

    // Ctrl-C (SIGINT to Maven) during a command: the build and rsync containers go, the data stays.
    maven = mvnBackground('podman-interrupt', ['openim:run', '-Dopenim.command=echo podman-started; sleep 60'] + engine)
    awaitOutput('podman-interrupt', 'podman-started', maven)
    sh(['kill', '-INT', maven.pid().toString()])
    assert maven.waitFor(60, TimeUnit.SECONDS)
    assertLog(new File(basedir, 'podman-interrupt.log').text, 'Interrupted: removed')
    maven = null
    assert roles() == ['data']

    // Release images from Podman's base; Podman loads the archive and runs the binary.
    def (exitImage, logImage) = mvn('podman-image', ['openim:image'] + engine)
    assert exitImage == 0 : logImage
    def archive = new File(basedir, '_output/release-images/amd64/openim-api.tar')
    assert archive.isFile()
    def tag = new File(basedir, '_output/release-images/amd64/openim-api.docker_tag').text.trim()
    dockerOutAt(host, ['load', '-i', archive.path])
    loaded << tag
    assert dockerOutAt(host, ['run', '--rm', '--network', 'none', tag]).startsWith('openim-api ')
    assert dockerOutAt(host, ['image', 'inspect', '--format', '{{.Architecture}}', tag]) == 'amd64'

    // clean: nothing of this checkout is left in Podman.
    def (exitClean, logClean) = mvn('podman-clean', ['openim:clean'] + engine)
    assert exitClean == 0 : logClean
    def left = objectsOf(project, host)
    assert left.containers.isEmpty() && left.volumes.isEmpty() && left.images.findAll { it.contains('openim-build') }.isEmpty() : left
} finally {
    maven?.destroyForcibly()?.waitFor()
    if (service?.alive) {
        loaded.each { sh(['docker', '-H', host, 'rmi', '-f', it]) }
        removeObjectsOf(project, host)
    }
    service?.destroy()
    if (service != null && !service.waitFor(20, TimeUnit.SECONDS)) {
        service.destroyForcibly().waitFor()
    }
    socket.delete()
    // Podman keeps the conmon of each exec (the stream transport's) for 5 minutes after the
    // container is gone, to answer a late exec inspect as Docker does. Those of this project's
    // containers are this test's: SIGKILL, since a conmon told to stop runs Podman's clean-up.
    def conmons = {
        sh(['ps', '-o', 'pid=,args=', '-C', 'conmon'])[1].readLines().findAll { line ->
            line.contains('-n openim-') && hashes.any { line.contains("-${it}-") }
        }.collect { it.trim().split(' ')[0] }
    }
    conmons().each { sh(['kill', '-KILL', it]) }
    def deadline = System.currentTimeMillis() + 10_000
    while (!conmons().isEmpty() && System.currentTimeMillis() < deadline) {
        Thread.sleep(100)
    }
    assert conmons().isEmpty() : "conmon processes of this test are left: ${conmons()}"
}
true
