// A rootless engine: Podman run by the test user itself (its own user namespace, storage and API
// socket), the plugin pointed at it. Container root is the user there, so the build runs as root
// in the container; the checkout, the results and what a bind-mounted build writes are the user's;
// every transport works; clean leaves nothing in that Podman and nothing the user cannot delete.
// Skipped, with the reason, where this machine has no user namespaces for ordinary users.
evaluate(new File(itShared, 'ItSupport.groovy'))
asTestUser()
import java.util.concurrent.TimeUnit
def project = 'io.openim.it:user-rootless'
// Short paths: conmon's sockets live below the run root, and a Unix socket path has at most 107 bytes.
def state = new File("/tmp/openim-it-rootless-${ProcessHandle.current().pid()}")
def socket = new File(state, 'podman.sock')
def host = "unix://${socket}".toString()
def engine = ["-Dopenim.docker.host=${host}".toString()]
def (uid, gid) = testUserIds()
// Podman as the test user, on storage and a runtime directory of this test's own.
def podmanEnv = [HOME: "/home/${testUser}".toString(), USER: testUser, PATH: '/usr/sbin:/usr/bin:/sbin:/bin',
                 CONTAINERS_STORAGE_CONF: new File(state, 'storage.conf').path,
                 CONTAINERS_CONF: '/var/lib/openim-it/podman/containers.conf',
                 XDG_RUNTIME_DIR: new File(state, 'run').path, XDG_DATA_HOME: new File(state, 'data').path,
                 XDG_CONFIG_HOME: new File(state, 'config').path, XDG_CACHE_HOME: new File(state, 'cache').path]
def asUser = { List<String> command ->
    ['setpriv', "--reuid=${testUser}".toString(), "--regid=${testUser}".toString(), '--init-groups'] + command
}
def podmanBuilder = { List<String> args ->
    def builder = new ProcessBuilder(asUser(['podman'] + args)).redirectErrorStream(true)
    builder.environment().clear()
    builder.environment().putAll(podmanEnv)
    builder
}
def podman = { List<String> args ->
    def process = podmanBuilder(args).start()
    def out = process.inputStream.text
    [process.waitFor(), out]
}
def (nsExit, nsOut) = sh(asUser(['unshare', '--user', '--map-root-user', 'true']))
if (nsExit != 0 || sh(['which', 'newuidmap'])[0] != 0) {
    println "SKIPPED user-rootless: ordinary users get no user namespace here (${nsOut.trim() ?: 'no newuidmap'}); see README, Engines"
    return true
}
// Podman's CNI backend keeps a lock in ~/.config/cni whatever XDG_CONFIG_HOME says; removed
// afterwards when this test made it.
def cniDir = new File("/home/${testUser}/.config/cni")
def configDir = cniDir.parentFile
def madeConfig = !configDir.exists()
def madeCni = !cniDir.exists()
def service = null
try {
    sh(['rm', '-rf', state.path])
    ['run', 'data', 'config', 'cache', 'storage'].each { new File(state, it).mkdirs() }
    new File(state, 'storage.conf').text = """[storage]
driver = "overlay"
runroot = "${state}/run/storage"
graphroot = "${state}/storage"
rootless_storage_path = "${state}/storage"
"""
    assert sh(['chown', '-R', "${testUser}:".toString(), state.path])[0] == 0
    assert sh(['chmod', '700', new File(state, 'run').path])[0] == 0
    // The test images, from Docker into the user's own storage.
    ['openim-it/golang:bookworm'].each { image ->
        def load = podmanBuilder(['load']).start()
        def save = new ProcessBuilder('docker', 'save', image).start()
        save.inputStream.transferTo(load.outputStream)
        load.outputStream.close()
        def loaded = load.inputStream.text
        assert save.waitFor() == 0 && load.waitFor() == 0 : loaded
    }
    service = podmanBuilder(['system', 'service', '--time=0', host]).redirectOutput(new File(basedir, 'podman-service.log')).start()
    def deadline = System.currentTimeMillis() + 30_000
    while (sh(['curl', '-sf', '--unix-socket', socket.path, 'http://podman/_ping'])[0] != 0) {
        assert service.alive && System.currentTimeMillis() < deadline : new File(basedir, 'podman-service.log').text
        Thread.sleep(100)
    }
    def info = new groovy.json.JsonSlurper().parseText(sh(['curl', '-s', '--unix-socket', socket.path, 'http://podman/info'])[1])
    assert info.Rootless == true : 'the service is not rootless'

    // 1. A cold build over the default transport: binaries that run, the user's.
    def (exitBuild, logBuild) = mvn('rootless-build', ['openim:build'] + engine)
    assert exitBuild == 0 : logBuild
    assertLog(logBuild, '(syncTransport=port)')
    def binary = new File(basedir, '_output/dockerized/bin/linux/amd64/openim-api')
    assert sh([binary.path])[1].trim() == 'openim-api 1.0.0 linux/amd64'
    assert notOwnedByTestUser(basedir).isEmpty() : notOwnedByTestUser(basedir)

    // 2. The build runs as the container's root, which is the user: what it writes through a bind
    // mount is theirs on the host, and it can read and write what the user synced.
    def (exitWho, logWho) = mvn('rootless-who', ['openim:run', '-Dopenim.copy.output=false',
            '-Dopenim.command=echo "rootless-who=$(id -u):$(id -g)"; touch cmd/probe && rm cmd/probe && echo synced-writable'] + engine)
    assert exitWho == 0 : logWho
    assertLog(logWho, 'rootless-who=0:0')
    assertLog(logWho, 'synced-writable')
    def (exitBind, logBind) = mvn('rootless-bind', ['openim:run', '-Dopenim.sync.transport=bind',
            '-Dopenim.command=mkdir -p _output/bind && touch _output/bind/by-rootless-root'] + engine)
    assert exitBind == 0 : logBind
    def written = new File(basedir, '_output/bind/by-rootless-root').toPath()
    assert [java.nio.file.Files.getAttribute(written, 'unix:uid'), java.nio.file.Files.getAttribute(written, 'unix:gid')] == [uid, gid]

    // 3. The stream transport: a change in, its result out.
    def main = new File(basedir, 'cmd/openim-api/main.go')
    main.text = main.text.replace('component.Main("openim-api")', 'component.Main("openim-api-rootless")')
    def (exitStream, logStream) = mvn('rootless-stream', ['openim:build', '-Dopenim.sync.transport=stream'] + engine)
    assert exitStream == 0 : logStream
    assertLog(logStream, 'rsync sync in: 1 file(s) transferred')
    assert sh([binary.path])[1].trim() == 'openim-api-rootless 1.0.0 linux/amd64'
    assert notOwnedByTestUser(basedir).isEmpty() : notOwnedByTestUser(basedir)

    // 4. clean: nothing left in that Podman, nothing foreign in the checkout.
    sh(['rm', '-rf', new File(basedir, '_output/bind').path])
    def (exitClean, logClean) = mvn('rootless-clean', ['openim:clean'] + engine)
    assert exitClean == 0 : logClean
    assert objectsOf(project, host).values().every { it.isEmpty() } : objectsOf(project, host)
    assert !new File(basedir, '_output').exists()
    assert notOwnedByTestUser(basedir).isEmpty() : notOwnedByTestUser(basedir)
} finally {
    if (service != null) {
        removeObjectsOf(project, host)
        service.destroy()
        service.waitFor(20, TimeUnit.SECONDS) || service.destroyForcibly().waitFor()
    }
    if (state.exists()) {
        // Storage files belong to the user's subordinate ids: removed from inside its namespace.
        podman(['unshare', 'rm', '-rf', new File(state, 'storage').path])
        // What this Podman started and left: its pause process (it holds the user namespace) and
        // the conmon of each exec (the stream transport's), which waits 5 minutes to report.
        def pause = new File(state, 'run/libpod/tmp/pause.pid')
        def ours = sh(['ps', '-o', 'pid=,args=', '-u', testUser])[1].readLines()
                .findAll { it.contains(state.path) }.collect { it.trim().split(' ')[0] }
        if (pause.exists()) {
            ours << pause.text.trim()
        }
        // SIGKILL: a conmon told to stop runs Podman's clean-up, which would make the storage again.
        ours.each { sh(['kill', '-KILL', it]) }
        def deadline = System.currentTimeMillis() + 10_000
        while (ours.any { sh(['kill', '-0', it])[0] == 0 && !sh(['ps', '-o', 'stat=', '-p', it])[1].trim().startsWith('Z') }
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100)
        }
        sh(['rm', '-rf', state.path])
        assert !state.exists() : "${state} is left"
        def left = sh(['ps', '-o', 'pid=,args=', '-u', testUser])[1].readLines().findAll { it.contains(state.path) }
        assert left.isEmpty() : "processes of the rootless Podman are left: ${left}"
    }
    if (madeCni) {
        sh(['rm', '-rf', cniDir.path])
    }
    if (madeConfig) {
        configDir.delete()
    }
}
true
