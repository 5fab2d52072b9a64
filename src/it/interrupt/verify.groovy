// Ctrl-C (SIGINT to Maven) during the build command removes the build and rsync containers
// before the JVM exits; the data container stays for the next incremental build.
evaluate(new File(itShared, 'ItSupport.groovy'))
def project = 'io.openim.it:interrupt'
def roles = { objectsOf(project).containers.collect { it.split(' ')[1] }.sort() }
def maven = null
try {
    maven = mvnBackground('interrupted', ['openim:run', '-Dopenim.command=echo started-long-command; sleep 120'])
        // The build container is created while the sources travel, so its presence says little: wait
    // for the command's own output.
        awaitOutput('interrupted', 'started-long-command', maven)
    assert roles().contains('build') : new File(basedir, 'interrupted.log').text
    // mvn execs java, so this pid is the Maven JVM.
    assert sh(['kill', '-INT', maven.pid().toString()])[0] == 0
    assert maven.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) : 'Maven did not stop after SIGINT'
    def log = new File(basedir, 'interrupted.log').text
    assertLog(log, 'started-long-command')
        def interrupted = log.readLines().find { it.contains('Interrupted: removed') }
    assert interrupted != null : log
    assert interrupted.contains('container openim-build-') && interrupted.contains('container openim-rsync-') : interrupted
        assert !log.contains('\tat ') : 'a stack trace was printed'
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
