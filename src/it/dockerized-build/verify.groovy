// The incremental dockerized build on the bundled example, run by an ordinary user in the docker
// group (not root) with default settings: cold build, no-op rebuild, one changed file, a deleted
// file, the stream transport, copy-output, release images, a failing command, and clean. Every
// file the plugin or the build writes into the checkout must be the user's, and clean must leave
// nothing the user could not remove.
evaluate(new File(itShared, 'ItSupport.groovy'))
asTestUser()
def project = 'io.openim.it:dockerized-build'
def bin = new File(basedir, '_output/dockerized/bin/linux/amd64')
def binaries = ['openim-api', 'openim-rpc-user', 'openim-msggateway']
def run = { String name -> sh([new File(bin, name).path])[1].trim() }
def (uid, gid) = testUserIds()
def assertAllTheUsers = { String step ->
    def foreign = notOwnedByTestUser(basedir)
    assert foreign.isEmpty() : "after ${step}, not the test user's: ${foreign.take(20)}"
}
try {
    def (exit1, log) = mvn('build', ['openim:build'])
    assert exit1 == 0 : log
    assertLog(log, 'Building build image openim-build:build-')
    assertLog(log, 'Creating data container openim-build-data-')
    assertLog(log, 'go build')
    binaries.each { name ->
        assert new File(bin, name).canExecute() : "missing ${name}"
        assert run(name) == "${name} 1.0.0 linux/amd64".toString()
    }
    assertAllTheUsers('the cold build')
    // Between goals only the data container is left; rsync and build containers are gone.
    assert objectsOf(project).containers.collect { it.split(' ')[1] } == ['data']
    def before = binaries.collectEntries { [it, sha256(new File(bin, it))] }

    // The build ran as the user's uid:gid, which the image has no passwd entry for; HOME and the
    // Go caches are in the data container's volumes, which a fresh data container gave that user.
    def (exitWho, logWho) = mvn('who', ['openim:run', '-Dopenim.copy.output=false', '-Dopenim.command=echo "who=$(id -u):$(id -g)'
            + ' passwd=$(getent passwd $(id -u) || echo none) home=$HOME"; stat -c "owner %n=%u:%g" /workspace /cache /cache/go-build'
            + ' /cache/home /workspace/go.mod; for d in "$HOME" "$(go env GOCACHE)" "$(go env GOMODCACHE)" "$(go env GOPATH)";'
            + ' do touch "$d/.written" || exit 1; done && echo caches-writable'])
    assert exitWho == 0 : logWho
    assertLog(logWho, "who=${uid}:${gid} passwd=none home=/cache/home")
    ['/workspace', '/cache', '/cache/go-build', '/cache/home', '/workspace/go.mod'].each { assertLog(logWho, "owner ${it}=${uid}:${gid}") }
    assertLog(logWho, 'caches-writable')

    // No change: the build image is reused and no file travels.
    def (exit2, log2) = mvn('noop', ['openim:build'])
    assert exit2 == 0 : log2
    assertLog(log2, 'is up to date')
    assertLog(log2, 'rsync sync in: 0 file(s) transferred')
    assert binaries.every { sha256(new File(bin, it)) == before[it] }
    def noop = timings(log2)
    println "no-op rebuild timings: ${noop}"

    // One changed source file: only it travels, only its binary changes.
    def main = new File(basedir, 'cmd/openim-api/main.go')
    main.text = main.text.replace('component.Main("openim-api")', 'component.Main("openim-api-changed")')
    def (exit3, log3) = mvn('one-file', ['openim:build'])
    assert exit3 == 0 : log3
    assertLog(log3, 'rsync sync in: 1 file(s) transferred')
    assert run('openim-api') == 'openim-api-changed 1.0.0 linux/amd64'
    assert sha256(new File(bin, 'openim-api')) != before['openim-api']
    assert sha256(new File(bin, 'openim-rpc-user')) == before['openim-rpc-user']

    // A file deleted on the host is deleted in the container (checked there with openim:run).
    assert new File(basedir, 'docs/notes.txt').delete()
    def (exit4, log4) = mvn('deleted', ['openim:run', '-Dopenim.command=test ! -e docs/notes.txt && echo notes-gone',
                                        '-Dopenim.copy.output=false'])
    assert exit4 == 0 : log4
    assertLog(log4, 'rsync sync in: 0 file(s) transferred')
    assertLog(log4, '1 deleted')
    assertLog(log4, 'notes-gone')

    // The stream transport (an exec of the rsync container, no port) as the same user: a change
    // travels in and its result out.
    main.text = main.text.replace('openim-api-changed', 'openim-api-streamed')
    def (exitStream, logStream) = mvn('stream', ['openim:build', '-Dopenim.sync.transport=stream'])
    assert exitStream == 0 : logStream
    assertLog(logStream, 'syncTransport=stream')
    assertLog(logStream, 'rsync sync in: 1 file(s) transferred')
    assert run('openim-api') == 'openim-api-streamed 1.0.0 linux/amd64'
    assertAllTheUsers('the stream transport')

    // copy-output alone brings back what a command left in the container.
    def (exitLeave, logLeave) = mvn('leave', ['openim:run', '-Dopenim.copy.output=false',
            '-Dopenim.command=mkdir -p _output/dockerized/extra && echo left > _output/dockerized/extra/note.txt'])
    assert exitLeave == 0 : logLeave
    assert !new File(basedir, '_output/dockerized/extra/note.txt').exists()
    def (exitCopy, logCopy) = mvn('copy-output', ['openim:copy-output'])
    assert exitCopy == 0 : logCopy
    assert new File(basedir, '_output/dockerized/extra/note.txt').text == 'left\n'

    // `mvn package` as the user: the build, then release images on the Debian base; archives,
    // SBOMs and tag files are theirs.
    def (exitPackage, logPackage) = mvn('package', ['package', '-Dopenim.base.image=openim-it/debian:bookworm'])
    assert exitPackage == 0 : logPackage
    assertLog(logPackage, ':build (dockerized-build) @ dockerized-build')
    assertLog(logPackage, ':image (release-images) @ dockerized-build')
    assert new File(basedir, '_output/release-images/amd64/openim-api.tar').length() > 0
    assert new File(basedir, '_output/release-images/amd64/SHA256SUMS').exists()
    assertAllTheUsers('mvn package')

    // The container is hermetic: no network.
    def (exit5, log5) = mvn('network', ['openim:run', '-Dopenim.command=cat /sys/class/net/eth0/address || echo no-eth0',
                                        '-Dopenim.copy.output=false'])
    assert exit5 == 0 : log5
    assertLog(log5, 'no-eth0')

    // A failing command fails the goal with its exit code; only the data container remains.
    def (exit6, log6) = mvn('failing', ['openim:run', '-Dopenim.command=echo about-to-fail; exit 3'])
    assert exit6 != 0
    assertLog(log6, 'failed in the build container with exit code 3')
    assertLog(log6, 'about-to-fail')
    assert objectsOf(project).containers.collect { it.split(' ')[1] } == ['data']
    assertAllTheUsers('every goal')

    // clean: nothing of this hash is left, and _output is gone: nothing the user could not delete.
    def (exit7, log7) = mvn('clean', ['openim:clean'])
    assert exit7 == 0 : log7
    assert objectsOf(project).values().every { it.isEmpty() } : objectsOf(project)
    assert !new File(basedir, '_output').exists()
    assertAllTheUsers('clean')
} finally {
    removeObjectsOf(project)
}
true
