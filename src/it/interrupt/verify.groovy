// Ctrl-C (SIGINT to Maven's JVM, run by the test user) during the build command and during sync
// in: the build and rsync containers (and the host's rsync) go before the JVM exits, the data
// container stays for the next incremental build, and the user reads one line saying what was
// interrupted and that nothing else was left, not rsync's exit code and the files it was sending.
evaluate(new File(itShared, 'ItSupport.groovy'))
asTestUser()
import java.util.concurrent.TimeUnit
def project = 'io.openim.it:interrupt'
def roles = { objectsOf(project).containers.collect { it.split(' ')[1] }.sort() }
// What the user saw after the signal: every warning and error line (the one line, and nothing else).
def afterSignal = { String log, String mark ->
    log.substring(log.indexOf(mark) + mark.length()).readLines().findAll { it.startsWith('[WARNING]') || it.startsWith('[ERROR]') }
}
def maven = null
try {
    // 1. During the command.
    maven = mvnBackground('interrupted', ['openim:run', '-Dopenim.command=echo started-long-command; sleep 120'])
    // The build container is created while the sources travel, so its presence says little: wait
    // for the command's own output.
    awaitOutput('interrupted', 'started-long-command', maven)
    assert roles().contains('build') : new File(basedir, 'interrupted.log').text
    // setpriv execs Maven, and mvn execs java, so this pid is the Maven JVM.
    assert sh(['kill', '-INT', maven.pid().toString()])[0] == 0
    assert maven.waitFor(60, TimeUnit.SECONDS) : 'Maven did not stop after SIGINT'
    def log = new File(basedir, 'interrupted.log').text
    assertLog(log, 'started-long-command')
    def said = afterSignal(log, '[INFO] started-long-command\n')
    assert said.size() == 1 : "more than the one line after Ctrl-C:\n${said.join('\n')}"
    def line = said[0]
    assert line.startsWith('[WARNING] Interrupted: removed') : line
    assert line.contains('container openim-build-') && line.contains('container openim-rsync-') : line
    assert line.contains('openim:run was stopped during `echo started-long-command; sleep 120` in the build container') : line
    assert line.contains('nothing else was left behind (the data container openim-build-data-') : line
    assert !log.contains('\tat ') : 'a stack trace was printed'
    assert !log.contains('BUILD FAILURE') && !log.contains('exit code 137') && !log.contains('openim timings') :
            log.readLines().takeRight(10).join('\n')
    assert roles() == ['data'] : "left after Ctrl-C: ${objectsOf(project).containers}"

    // 2. During sync in, with 30 000 files on their way: the host's rsync is stopped too, and
    // neither its exit code nor a file name reaches the user.
    // Every one of them changed since the first run, so all of them travel again.
    new File(basedir, 'testdata/many').eachFile { it.text = "changed ${it.name}\n" }
    def hash = hashIn(log)
    def passwordFiles = { new File('/tmp').listFiles().findAll { it.name.startsWith("openim-rsync-${hash}-") } }
    maven = mvnBackground('interrupted-sync', ['openim:build'])
    awaitLog('interrupted-sync', 'Sync through port', maven)
    // rsync is under way once the client runs as the test user.
    def deadline = System.currentTimeMillis() + 30_000
    while (sh(['pgrep', '-u', testUser, '-x', 'rsync'])[0] != 0) {
        assert maven.alive && System.currentTimeMillis() < deadline : new File(basedir, 'interrupted-sync.log').text
        Thread.sleep(20)
    }
    Thread.sleep(200)
    // The build container was started ahead while the sources travel: it runs, held at its gate,
    // and its command has not run (no output yet).
    def building = objectsOf(project).containers.find { it.endsWith(' build') }?.split(' ')?.getAt(0)
    assert building : "no build container during the sync: ${objectsOf(project).containers}"
    assert dockerOut('inspect', '--format', '{{.State.Running}}', building) == 'true'
    assert dockerOut('logs', building) == ''
    assert sh(['kill', '-INT', maven.pid().toString()])[0] == 0
    assert maven.waitFor(60, TimeUnit.SECONDS) : 'Maven did not stop after SIGINT'
    def syncLog = new File(basedir, 'interrupted-sync.log').text
    assert !syncLog.contains('rsync sync in:') : "sync in finished before the signal; the test needs more files:\n${syncLog}"
    def syncSaid = afterSignal(syncLog, 'Sync through port')
    assert syncSaid.size() == 1 : "more than the one line after Ctrl-C:\n${syncSaid.join('\n')}"
    def syncLine = syncSaid[0]
    assert syncLine.startsWith('[WARNING] Interrupted: removed') : syncLine
    assert syncLine.contains('container openim-rsync-') && syncLine.contains('rsync password file') : syncLine
    assert syncLine.contains('stopped rsync (sync in)') : syncLine
    assert syncLine.contains('openim:build was stopped during sync in; nothing else was left behind') : syncLine
    assert !syncLog.contains('exit code') && !syncLog.contains('file-1') && !syncLog.contains('BUILD FAILURE')
            && !syncLog.contains('openim timings') :
            syncLog.readLines().takeRight(15).join('\n')
    assert sh(['pgrep', '-u', testUser, '-x', 'rsync'])[0] != 0 : 'the host rsync survived'
    assert roles() == ['data'] : "left after Ctrl-C: ${objectsOf(project).containers}"
    assert passwordFiles().isEmpty() : "left: ${passwordFiles()}"

    // The next run works from the kept data container.
    def (exit, log2) = mvn('after', ['openim:run', '-Dopenim.command=echo still-works', '-Dopenim.copy.output=false'])
    assert exit == 0 : log2
    assertLog(log2, 'still-works')
    assert !log2.contains('Creating data container')
    assert notOwnedByTestUser(basedir).isEmpty() : notOwnedByTestUser(basedir)
} finally {
    maven?.destroyForcibly()?.waitFor()
    removeObjectsOf(project)
}
true
