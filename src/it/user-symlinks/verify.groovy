// The build sees the checkout exactly, as an ordinary docker-group user runs it: symbolic links
// keep their targets on the way in (port and stream transports); on the way out a link inside
// the output comes back as that link, and one pointing out of the output is left out and named in
// a warning. The rsync module is not listed to whoever connects, and the per-run password stays
// out of the engine's view, the process list and Maven's debug log.
evaluate(new File(itShared, 'ItSupport.groovy'))
asTestUser()
import java.nio.file.Files
import java.util.concurrent.TimeUnit
def project = 'io.openim.it:user-symlinks'
def links = ['links/absolute', 'links/deep/relative', 'outside']
def hostTarget = { String path -> Files.readSymbolicLink(new File(basedir, path).toPath()).toString() }
def maven = null
try {
    // 1. On the way in, over each transport: readlink in the container says what it says here.
    def readlinks = links.collect { "echo \"link ${it}=\$(readlink ${it})\"" }.join('; ')
    ['port', 'stream'].each { transport ->
        def (exit, log) = mvn("links-in-${transport}", ['openim:run', "-Dopenim.sync.transport=${transport}".toString(),
                '-Dopenim.copy.output=false', "-Dopenim.command=${readlinks}".toString()])
        assert exit == 0 : log
        assertLog(log, "(syncTransport=${transport})")
        links.each { assertLog(log, "\n[INFO] link ${it}=${hostTarget(it)}\n") }
    }

    // 2. On the way out: the build's own link inside the output comes back as that link; links out
    // of the output are neither followed nor copied, and each is named.
    def out = '_output/dockerized/bin'
    def makeLinks = ("-Dopenim.command=mkdir -p ${out}/linux/amd64 && echo app > ${out}/linux/amd64/app"
            + " && ln -sfn linux/amd64/app ${out}/latest && ln -sfn ../../../go.mod ${out}/escape && ln -sfn /etc/passwd ${out}/abs"
            + " && ln -sfn ../bin/linux ${out}/inside-up").toString()
    def (exitOut, logOut) = mvn('links-out', ['openim:run', makeLinks])
    assert exitOut == 0 : logOut
    def latest = new File(basedir, "${out}/latest").toPath()
    assert Files.isSymbolicLink(latest) && Files.readSymbolicLink(latest).toString() == 'linux/amd64/app'
    assert latest.toFile().text == 'app\n'
    assert Files.readSymbolicLink(new File(basedir, "${out}/inside-up").toPath()).toString() == '../bin/linux'
    ['escape', 'abs'].each { assert !Files.exists(new File(basedir, "${out}/${it}").toPath(), java.nio.file.LinkOption.NOFOLLOW_LINKS) : it }
    def warnings = logOut.readLines().findAll { it.startsWith('[WARNING] Not copied out:') }
    assert warnings.size() == 2 : warnings
    assertLog(logOut, '[WARNING] Not copied out: the symbolic link _output/dockerized/bin/escape -> ../../../go.mod points out of _output/dockerized')
    assertLog(logOut, '[WARNING] Not copied out: the symbolic link _output/dockerized/bin/abs -> /etc/passwd points out of _output/dockerized')

    // 3. While a command runs: the module is not listed, and the password is where it belongs only.
    maven = mvnBackground('secrets', ['-X', 'openim:run', '-Dopenim.copy.output=false', '-Dopenim.command=echo secrets-ready; sleep 60'])
    awaitOutput('secrets', 'secrets-ready', maven)
    def log = new File(basedir, 'secrets.log').text
    def port = (log =~ /Sync through port (\d+)/)[0][1]
    def hash = hashIn(log)
    def files = new File('/tmp').listFiles().findAll { it.name.startsWith("openim-rsync-${hash}-") }
    assert files.size() == 1 : files
    def passwordFile = files[0].toPath()
    assert Files.getPosixFilePermissions(passwordFile) == java.nio.file.attribute.PosixFilePermissions.fromString('rw-------')
    assert Files.getAttribute(passwordFile, 'unix:uid') == testUserIds()[0]
    def password = passwordFile.toFile().text.trim()
    assert password.length() >= 32
    def (listExit, listed) = sh(['setpriv', "--reuid=${testUser}".toString(), "--regid=${testUser}".toString(), '--init-groups',
            'rsync', "rsync://127.0.0.1:${port}/".toString()])
    assert !listed.contains('workspace') : "the module was listed: ${listed}"
    def rsyncContainer = "openim-rsync-${hash}-1".toString()
    assert !dockerOut('inspect', rsyncContainer).contains(password) : 'the password is in docker inspect'
    assert !sh(['ps', '-eo', 'args'])[1].contains(password) : 'the password is on a command line'
    assert sh(['kill', '-INT', maven.pid().toString()])[0] == 0
    assert maven.waitFor(60, TimeUnit.SECONDS)
    def debugLog = new File(basedir, 'secrets.log').text
    assert debugLog.contains('[DEBUG]') : 'the run was not a debug run'
    assert !debugLog.contains(password) : 'the password is in the -X log'
    assert !Files.exists(passwordFile) : 'the password file was left'
    assert notOwnedByTestUser(basedir).isEmpty() : notOwnedByTestUser(basedir)
} finally {
    maven?.destroyForcibly()?.waitFor()
    removeObjectsOf(project)
}
true
