// The incremental dockerized build on the bundled example: cold build, no-op rebuild, one
// changed file, a deleted file, a failing command, and clean.
evaluate(new File(itShared, 'ItSupport.groovy'))
def project = 'io.openim.it:dockerized-build'
def bin = new File(basedir, '_output/dockerized/bin/linux/amd64')
def binaries = ['openim-api', 'openim-rpc-user', 'openim-msggateway']
def run = { String name -> sh([new File(bin, name).path])[1].trim() }
try {
    def log = new File(basedir, 'build.log').text
    assertLog(log, 'Building build image openim-build:build-')
    assertLog(log, 'Creating data container openim-build-data-')
    assertLog(log, 'go build')
    binaries.each { name ->
        assert new File(bin, name).canExecute() : "missing ${name}"
        assert run(name) == "${name} 1.0.0 linux/amd64".toString()
    }
    // Between goals only the data container is left; rsync and build containers are gone.
    assert objectsOf(project).containers.collect { it.split(' ')[1] } == ['data']
    def before = binaries.collectEntries { [it, sha256(new File(bin, it))] }

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

    // clean: nothing of this hash is left, and _output is gone.
    def (exit7, log7) = mvn('clean', ['openim:clean'])
    assert exit7 == 0 : log7
    assert objectsOf(project).values().every { it.isEmpty() } : objectsOf(project)
    assert !new File(basedir, '_output').exists()
} finally {
    removeObjectsOf(project)
}
true
