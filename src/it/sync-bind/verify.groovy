// syncTransport=bind: the build container mounts the checkout itself, caches stay in the data
// container's volumes, nothing is copied. A whole build, a deleted file the container no longer
// sees, results on the host owned by the build user, no rsync container; refused (before anything
// is made) for an engine that is not on this machine. Maven runs as the test user, so "the build
// user" is an ordinary uid the build image does not know.
evaluate(new File(itShared, 'ItSupport.groovy'))
asTestUser()
import java.nio.file.Files
import java.nio.file.LinkOption

def project = 'io.openim.it:sync-bind'
def bind = ['-Dopenim.sync.transport=bind']
def netns = "openimbind${(System.nanoTime() % 10000)}".toString()
def ownerOf = { File file ->
    def attributes = Files.getAttribute(file.toPath(), 'unix:uid', LinkOption.NOFOLLOW_LINKS)
    [attributes, Files.getAttribute(file.toPath(), 'unix:gid', LinkOption.NOFOLLOW_LINKS)]
}
def hostIds = testUserIds()
try {
    def initial = snapshot(basedir)

    // 1. A whole build: the binaries land in the checkout, owned by the build user (the host user).
    def (exitBuild, logBuild) = mvn('bind-build', ['openim:build'] + bind)
    assert exitBuild == 0 : logBuild
    assertLog(logBuild, '(syncTransport=bind): nothing is copied in or out')
    assert !logBuild.contains('rsync ') : 'no rsync transfer with the bind transport'
    def binary = new File(basedir, '_output/dockerized/bin/linux/amd64/openim-api')
    assert binary.canExecute()
    assert ownerOf(binary) == hostIds
    def timings = timings(logBuild)
    assert !timings.containsKey('sync-in') && !timings.containsKey('copy-out') : timings
    def roles = { objectsOf(project).containers.collect { it.split(' ')[1] }.sort() }
    assert roles() == ['data']

    // The caches are the data container's volume, and the checkout is the container's source root.
    def (exitMounts, logMounts) = mvn('bind-mounts', ['openim:run',
            '-Dopenim.command=test -d /cache && test -f /workspace/go.mod && echo mounts-ok'] + bind)
    assert exitMounts == 0 : logMounts
    assertLog(logMounts, 'mounts-ok')

    // 2. A file deleted on the host is gone in the container at once.
    def marker = writeAsTestUser(new File(basedir, 'bind-marker.txt'), 'present\n')
    def (exitSeen, logSeen) = mvn('bind-seen', ['openim:run', '-Dopenim.command=cat bind-marker.txt'] + bind)
    assert exitSeen == 0 : logSeen
    assertLog(logSeen, 'present')
    marker.delete()
    def (exitGone, logGone) = mvn('bind-gone', ['openim:run', '-Dopenim.command=test ! -e bind-marker.txt && echo marker-gone'] + bind)
    assert exitGone == 0 : logGone
    assertLog(logGone, 'marker-gone')

    // 3. What the command writes belongs to the build user on the host: the user by default,
    // everywhere in the checkout; another uid when buildUser names one.
    def (exitWrite, logWrite) = mvn('bind-write', ['openim:run',
            '-Dopenim.command=mkdir -p _output/bind-made/deep && touch _output/bind-made/deep/file cmd/generated.go'] + bind)
    assert exitWrite == 0 : logWrite
    assert ownerOf(new File(basedir, '_output/bind-made/deep/file')) == hostIds
    assert ownerOf(new File(basedir, 'cmd/generated.go')) == hostIds
    assert notOwnedByTestUser(basedir).isEmpty() : notOwnedByTestUser(basedir)
    new File(basedir, 'cmd/generated.go').delete()
    def shared = new File(basedir, '_output/bind-shared')
    shared.mkdirs()
    shared.setWritable(true, false)
    def (exitOwner, logOwner) = mvn('bind-owner', ['openim:run', '-Dopenim.build.user=4321:4321',
            '-Dopenim.command=touch _output/bind-shared/by-build-user'] + bind)
    assert exitOwner == 0 : logOwner
    assert ownerOf(new File(shared, 'by-build-user')) == [4321, 4321]

    // 4. An engine elsewhere (plain TCP at a network namespace's address) cannot see the checkout:
    // refused before the build image, a container or a volume is made.
    def address = makeNetns(netns, '10.213.94')
    def front = new ProcessBuilder('ip', 'netns', 'exec', netns, 'socat',
            "TCP-LISTEN:2375,bind=${address},reuseaddr,fork".toString(), 'UNIX-CONNECT:/var/run/docker.sock')
            .redirectErrorStream(true).redirectOutput(new File(basedir, 'front.log')).start()
    def deadline = System.currentTimeMillis() + 10_000
    while (sh(['ip', 'netns', 'exec', netns, 'sh', '-c', 'ss -ltn | grep -q ":2375 "'])[0] != 0) {
        assert front.alive && System.currentTimeMillis() < deadline : new File(basedir, 'front.log').text
        Thread.sleep(100)
    }
    def before = objectsOf(project)
    def (exitRemote, logRemote) = mvn('bind-remote', ['openim:build', "-Dopenim.docker.host=tcp://${address}:2375".toString(),
            '-Dopenim.build.image.version=2'] + bind)
    assert exitRemote != 0
    assertLog(logRemote, "the engine at tcp://${address}:2375 is not on this machine, so it cannot see the checkout")
    assertLog(logRemote, "-Dopenim.sync.transport=stream")
    assert objectsOf(project) == before : 'nothing was made for the refused build'

    assertUnchanged(initial, snapshot(basedir), 'the bind transport')

    // clean as the user leaves nothing the user could not remove (the other uid's file, which the
    // test made room for as root, goes first).
    new File(shared, 'by-build-user').delete()
    shared.delete()
    def (exitClean, logClean) = mvn('bind-clean', ['openim:clean'])
    assert exitClean == 0 : logClean
    assert objectsOf(project).values().every { it.isEmpty() } : objectsOf(project)
    assert notOwnedByTestUser(basedir).isEmpty() : notOwnedByTestUser(basedir)
} finally {
    removeNetns(netns)
    removeObjectsOf(project)
}
true
