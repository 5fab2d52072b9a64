// openim:shell as the test user, on a terminal (script(1) gives Maven a pseudo-terminal): the
// shell runs as the user's uid, which the build image does not know, with a working HOME; what
// it writes under the output comes back owned by the user; nothing stays but the data container.
evaluate(new File(itShared, 'ItSupport.groovy'))
asTestUser()
import java.util.concurrent.TimeUnit
def project = 'io.openim.it:user-shell'
def (uid, gid) = testUserIds()
def process = null
try {
    def builder = mavenProcess(basedir, ['openim:shell'])
    // Not batch mode: the shell needs an interactive Maven.
    def maven = builder.command().findAll { it != '-B' }
    def quoted = maven.collect { "'" + it.replace("'", "'\\''") + "'" }.join(' ')
    builder.command(['script', '-qfec', quoted, '/dev/null'])
    builder.environment().put('TERM', 'dumb')
    process = builder.start()
    def out = new StringBuffer()
    // By character: the prompt ends without a newline.
    def reader = Thread.start {
        def input = new InputStreamReader(process.inputStream, 'UTF-8')
        int c
        while ((c = input.read()) >= 0) {
            out.append((char) c)
        }
    }
    def waitFor = { String text ->
        def deadline = System.currentTimeMillis() + 300_000
        while (!out.toString().contains(text)) {
            assert process.alive && System.currentTimeMillis() < deadline :
                    "no '${text}' from the shell (${process.alive ? 'running' : 'exit ' + process.exitValue()}):\n${out}"
            Thread.sleep(100)
        }
    }
    // The prompt: the shell is attached to the terminal.
    waitFor('@openim-build')
    process.outputStream.withWriter { writer ->
        writer.write('echo "shell-who=$(id -u):$(id -g) home=$HOME"; mkdir -p _output/dockerized && echo from-shell'
                + ' > _output/dockerized/from-shell.txt && touch "$HOME/.shell" && echo shell-wrote; exit 0\n')
        writer.flush()
        waitFor('rsync copy out:')
    }
    assert process.waitFor(120, TimeUnit.SECONDS) : "Maven did not end after the shell:\n${out}"
    reader.join()
    new File(basedir, 'shell.log').text = out.toString()
    assert process.exitValue() == 0 : out
    def log = out.toString()
    assertLog(log, "shell-who=${uid}:${gid} home=/cache/home")
    assertLog(log, 'shell-wrote')
    def written = new File(basedir, '_output/dockerized/from-shell.txt')
    assert written.text == 'from-shell\n'
    assert notOwnedByTestUser(basedir).isEmpty() : notOwnedByTestUser(basedir)
    assert objectsOf(project).containers.collect { it.split(' ')[1] } == ['data']

    // In batch mode (no terminal for the shell) it is refused before anything is made.
    def (exitBatch, logBatch) = mvn('batch', ['openim:shell'])
    assert exitBatch != 0
    assertLog(logBatch, 'openim:shell needs an interactive terminal')
} finally {
    process?.destroyForcibly()?.waitFor()
    removeObjectsOf(project)
}
true
