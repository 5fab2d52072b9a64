// Ctrl-C, SIGTERM (a CI cancel) and SIGKILL: what each leaves, what the next run does about it.
// As root: it signals the Maven JVM it starts and then inspects and kills what that run left; Ctrl-C
// as the test user is covered by interrupt.
evaluate(new File(itShared, 'ItSupport.groovy'))
import java.util.concurrent.TimeUnit
def project = 'io.openim.it:fault-signals'
def releaseImages = {
    dockerOut('images', '-q', '--filter', projectFilter(project), '--filter', 'label=io.openim.role=release-image')
            .readLines().findAll { it }
}
def scratch = {
    def dirs = [new File(basedir, '_output/images/release'), new File(basedir, '_output/release-images')]
    dirs.findAll { it.exists() }.collectMany { dir ->
        def found = []
        dir.eachFileRecurse { if (it.isFile() && (it.name.endsWith('.partial') || it.name.endsWith('.context.tar'))) found << it.name }
        found
    }
}
// Step images of the interrupted builds (untagged, unlabelled: only their history tells them).
def stepImages = {
    dockerOut('images', '-a', '-q', '--no-trunc', '--filter', 'dangling=true').readLines().findAll { id ->
        id && docker('history', '--no-trunc', '--format', '{{.CreatedBy}}', id)[1].contains(' in /usr/local/bin/openim-')
    } as Set
}
def maven = null
def stepImagesBefore = stepImages()
try {
    def (exitBuild, logBuild) = mvn('build', ['openim:build'])
    assert exitBuild == 0 : logBuild
    def initial = snapshot(basedir)

    ['INT', 'TERM'].each { signal ->
        maven = mvnBackground("image-${signal}", ['openim:image'])
        awaitLog("image-${signal}", 'Making 3 release image(s)', maven)
        Thread.sleep(2500)
        assert sh(['kill', "-${signal}".toString(), maven.pid().toString()])[0] == 0
        assert maven.waitFor(90, TimeUnit.SECONDS) : "Maven did not stop after SIG${signal}"
        def log = new File(basedir, "image-${signal}.log").text
        assertLog(log, 'Interrupted: removed')
        assertLog(log, 'release images of this run')
        // The engine may still be committing a build it had nearly finished: look again later.
        Thread.sleep(3000)
        assert releaseImages().isEmpty() : "SIG${signal} left release images: ${releaseImages()}"
                assert scratch().isEmpty() : "SIG${signal} left partial files: ${scratch()}"
        def stepsLeft = stepImages() - stepImagesBefore
        assert stepsLeft.isEmpty() : "SIG${signal} left the step images of its builds: ${stepsLeft}"
        assert dockerOut('ps', '-aq', '--filter', projectFilter(project), '--filter', 'label=io.openim.role=build').isEmpty()
        assertUnchanged(initial, snapshot(basedir), "SIG${signal} during openim:image")
    }

    // SIGKILL cannot be caught: the containers and the password file stay, the next run removes and names them.
    maven = mvnBackground('killed', ['openim:run', '-Dopenim.command=echo started-long; sleep 60'])
    awaitOutput('killed', 'started-long', maven)
    def hash = hashIn(new File(basedir, 'killed.log').text)
    assert hash
    def passwordFiles = { new File(System.getProperty('java.io.tmpdir')).listFiles().findAll { it.name.startsWith("openim-rsync-${hash}-") } }
    assert passwordFiles().size() == 1
    assert sh(['kill', '-KILL', maven.pid().toString()])[0] == 0
    assert maven.waitFor(30, TimeUnit.SECONDS)
    assert passwordFiles().size() == 1 : 'the password file of the killed run'
    def (exitNext, logNext) = mvn('after-kill', ['openim:run', '-Dopenim.command=echo next-run-works', '-Dopenim.copy.output=false'])
    assert exitNext == 0 : logNext
    assertLog(logNext, 'next-run-works')
    assertLog(logNext, "Removed the container openim-build-${hash}-1 (running) that an earlier run left behind")
    assertLog(logNext, "Removed the container openim-rsync-${hash}-1 (running) that an earlier run left behind")
    assertLog(logNext, 'Removed the rsync password file')
    assert passwordFiles().isEmpty() : "left: ${passwordFiles()}"
    assert objectsOf(project).containers.collect { it.split(' ')[1] } == ['data']
    assertUnchanged(initial, snapshot(basedir), 'SIGKILL and the next run')
} finally {
    maven?.destroyForcibly()?.waitFor()
    removeObjectsOf(project)
        // What a failed check found must not stay either (a parent goes once its child has gone).
    3.times { (stepImages() - stepImagesBefore).each { docker('rmi', it) } }
}
true
