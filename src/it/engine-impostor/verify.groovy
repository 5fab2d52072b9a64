// An engine that answers /version and then misbehaves, on a Unix socket the test makes: each case
// must end the goal within its bound, with one message naming the engine, the request and what
// came back, never a parser's or the transport's own words, never "lost the connection" when an
// answer came; the user's files stay as they were and nothing is left in the engine.
// As root: these cases are about the engine's answers, not about file ownership; the impostor's
// socket and the test's files belong to the one user who runs both.
evaluate(new File(itShared, 'ItSupport.groovy'))
import java.util.concurrent.TimeUnit
def Impostor = new GroovyClassLoader(this.class.classLoader).parseClass(new File(itShared, 'ImpostorEngine.groovy'))
def project = 'io.openim.it:engine-impostor'
def socketFile = new File(basedir.parentFile, 'engine-impostor.sock')
def internals = ['Unexpected character', 'For input string', 'radix 16', 'JsonParseException', 'NumberFormatException',
                 'IOException', 'RuntimeException', 'ChunkCodingException', 'com.fasterxml', 'org.apache.hc',
                 '\tat ']
def plain = { String log ->
    internals.each { assert !log.contains(it) : "internal text '${it}' in:\n${log}" }
}
def impostor = null
def maven = null
try {
    def before = snapshot(basedir)
    def engineArgs = { ["-Dopenim.docker.host=${impostor.host()}".toString(), '-Dopenim.engine.timeout=3'] }
    // Timed by the test's own clock: each case must end well inside its bound.
    def failing = { String name, Closure reply ->
        impostor = Impostor.answering(socketFile, reply)
        long start = System.nanoTime()
        def (exit, log) = mvn(name, ['openim:build-image'] + engineArgs())
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)
        impostor.close()
        assert exit != 0 : log
        assert seconds < 60 : "${name} took ${seconds} s"
        assertLog(log, "Docker engine at unix://${socketFile.path}")
        assertLog(log, 'inspect image openim-build:build-')
        assert !log.contains('Lost the connection') : log
        plain(log)
        println "${name}: ${log.readLines().find { it.contains('[ERROR]') && it.contains('engine at') }}"
        log
    }

    // Silent after /version: bounded by engineTimeout, the request named.
    def silent = failing('silent', { line -> null })
    assertLog(silent, 'did not answer within 3 s when asked to inspect image openim-build:build-')
    assertLog(silent, "'engineTimeout' (-Dopenim.engine.timeout, OPENIM_ENGINE_TIMEOUT)")

    // An HTML page where JSON belongs.
    def html = failing('html', { line ->
        Impostor.http('200 OK', 'text/html', '<html><head><title>Welcome to nginx!</title></head></html>\n') })
    assertLog(html, "with something that is not JSON (status 200, text/html): '<html><head><title>Welcome to nginx!</title>")

    // A chunk size that is not hexadecimal.
    def chunk = failing('bad-chunk', { line ->
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n".toString() })
    assertLog(chunk, 'with a broken chunked body (Bad chunk header: zz)')

    // An answer that ends inside its headers.
    def cut = failing('cut-headers', { line -> "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Len".toString() })
    assertLog(cut, 'with something that is not HTTP')
    assertLog(cut, 'Content-Len')

    // A body of another type.
    def type = failing('wrong-type', { line -> Impostor.http('200 OK', 'text/plain', 'OK') })
    assertLog(type, "(status 200, text/plain): 'OK'")

    // A real engine behind a proxy that stops passing anything on while a command runs quietly:
    // the silent stream's pings go unanswered, the goal ends with that, and its clean-up (bounded
    // too) says what it could not remove.
    impostor = Impostor.proxy(socketFile, new File('/var/run/docker.sock'))
    long start = System.nanoTime()
    maven = mvnBackground('hang', ['openim:run', '-Dopenim.command=echo impostor-started; sleep 600',
                                   '-Dopenim.copy.output=false'] + engineArgs())
    awaitOutput('hang', 'impostor-started', maven)
    impostor.freeze()
    if (!maven.waitFor(120, TimeUnit.SECONDS)) {
        // What the goal waits on, for whoever reads the failure: its threads, then its log.
        def threads = sh(['jcmd', "${maven.pid()}".toString(), 'Thread.print'], basedir, 30)[1]
        new File(basedir, 'hang-threads.txt').text = threads
        assert false : "the goal did not end after the engine stopped answering; its threads:\n${threads}\n" +
                "its log:\n${new File(basedir, 'hang.log').text}"
    }
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)
    def hang = new File(basedir, 'hang.log').text
    assert maven.exitValue() != 0 : hang
    assertLog(hang, "The Docker engine at unix://${socketFile.path} stopped answering while trying to follow the output of container openim-build-")
    assertLog(hang, 'when asked to answer a ping')
    assertLog(hang, 'docker rm -f openim-build-')
    plain(hang)
    println "hang: ended ${seconds} s after the start: ${hang.readLines().find { it.contains('stopped answering') }}"
    impostor.close()

    assertUnchanged(before, snapshot(basedir), 'the impostor cases')
    // What the cut-off clean-up could not remove is there, labelled; the test removes it.
    def roles = objectsOf(project).containers.collect { it.split(' ')[1] }.sort()
    assert roles.contains('build') : "the build container should still be there: ${roles}"
} finally {
    if (maven != null && maven.alive) {
        maven.destroyForcibly()
    }
    impostor?.close()
    removeObjectsOf(project)
}
assert objectsOf(project).values().every { it.isEmpty() }
true
