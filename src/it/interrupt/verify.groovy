// Ctrl-C (SIGINT to Maven) during the build command removes the build and rsync containers
// before the JVM exits; the data container stays for the next incremental build.
evaluate(new File(itShared, 'ItSupport.groovy'))
def project = 'io.openim.it:interrupt'
def roles = { objectsOf(project).containers.collect { it.split(' ')[1] }.sort() }
def maven = null
try {
    maven = mvnBackground('interrupted', ['openim:run', '-Dopenim.command=echo started-long-command; sleep 120'])
    def deadline = System.currentTimeMillis() + 120_000
    while (!roles().contains('build') && System.currentTimeMillis() < deadline) {
        assert maven.alive : new File(basedir, 'interrupted.log').text
        Thread.sleep(200)
    }
    assert roles().contains('build') : new File(basedir, 'interrupted.log').text
    // mvn execs java, so this pid is the Maven JVM.
    assert sh(['kill', '-INT', maven.pid().toString()])[0] == 0
    assert maven.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) : 'Maven did not stop after SIGINT'
    def log = new File(basedir, 'interrupted.log').text
    assertLog(log, 'started-long-command')
    assertLog(log, 'Interrupted: removed container openim-build-')
    assert !log.contains('Error during callback') : 'docker-java printed a stack trace'
    assert roles() == ['data'] : "left after Ctrl-C: ${objectsOf(project).containers}"

    // The next run works from the kept data container.
    def (exit, log2) = mvn('after', ['openim:run', '-Dopenim.command=echo still-works', '-Dopenim.copy.output=false'])
    assert exit == 0 : log2
    assertLog(log2, 'still-works')
    assert !log2.contains('Creating data container')
} finally {
    maven?.destroyForcibly()?.waitFor()
    removeObjectsOf(project)
}
true
