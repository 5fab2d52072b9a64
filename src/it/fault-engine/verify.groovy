// Faults of the engine and its containers, each with the message it must give, and what it leaves.
// As root: it kills the engine's containers and the proxy processes it starts in front of the
// engine's socket, which are root's.
evaluate(new File(itShared, 'ItSupport.groovy'))
import java.util.concurrent.TimeUnit
def project = 'io.openim.it:fault-engine'
def roles = { objectsOf(project).containers.collect { it.split(' ')[1] }.sort() }
def proxy = null
def maven = null
def portHolder = null
def proxySocket = new File(basedir.parentFile, 'fault-engine-proxy.sock')
try {
    def (exitBuild, logBuild) = mvn('build', ['openim:build'])
    assert exitBuild == 0 : logBuild
    def hash = hashIn(logBuild)
    def initial = snapshot(basedir)
    def noStackTrace = { String log -> assert !log.contains('\tat ') && !log.contains('Error during callback') : log }

    // The engine connection cut mid-build (through a proxy socket): the lost connection is the
    // error, and cleanup failures are warnings that say what was left.
    proxy = new ProcessBuilder('socat', "UNIX-LISTEN:${proxySocket.path},fork".toString(), 'UNIX-CONNECT:/var/run/docker.sock')
            .redirectErrorStream(true).start()
    def deadline = System.currentTimeMillis() + 10_000
    while (!proxySocket.exists() && System.currentTimeMillis() < deadline) { Thread.sleep(50) }
    maven = mvnBackground('cut', ['openim:run', '-Dopenim.command=echo started-cut; sleep 30', '-Dopenim.copy.output=false',
            "-Dopenim.docker.host=unix://${proxySocket.path}".toString()])
    awaitOutput('cut', 'started-cut', maven)
        // Every socat of this proxy goes, the forked one carrying the followed output included (found
    // by the socket path too: a child forked while the snapshot was taken would be missed).
    def proxyProcesses = {
                ProcessHandle.allProcesses().filter { p ->
            p.info().command().map { it.endsWith('/socat') }.orElse(false) &&
                p.info().commandLine().map { it.contains(proxySocket.path) }.orElse(false)
        }.toList()
    }
    proxy.descendants().forEach { it.destroyForcibly() }
    proxy.destroyForcibly().waitFor()
    def killDeadline = System.currentTimeMillis() + 10_000
    while (!proxyProcesses().isEmpty() && System.currentTimeMillis() < killDeadline) {
        proxyProcesses().each { it.destroyForcibly() }
        Thread.sleep(50)
    }
    assert proxyProcesses().isEmpty() : "the proxy survived: ${proxyProcesses()*.info()}"
    assert maven.waitFor(60, TimeUnit.SECONDS)
    def cut = new File(basedir, 'cut.log').text
    assert maven.exitValue() != 0
    assertLog(cut, "Lost the connection to the Docker engine at unix://${proxySocket.path}")
    assertLog(cut, "Could not remove the build container openim-build-${hash}-1")
    assertLog(cut, "docker rm -f openim-build-${hash}-1")
    noStackTrace(cut)
    // The next run (straight to the engine) removes what was left and says so. What was left
    // depends on when the proxy died: a remove written to a fork that still lived can reach the
    // engine although its answer never came back (httpclient5 then retries it and is refused).
    def left = roles()
    assert left.contains('build') || left.contains('rsync') : "the cut run should have left containers: ${left}"
    def (exitAfter, logAfter) = mvn('after-cut', ['openim:run', '-Dopenim.command=echo works-again', '-Dopenim.copy.output=false'])
    assert exitAfter == 0 : logAfter
    ['build', 'rsync'].findAll { left.contains(it) }.each { role ->
        assertLog(logAfter, "Removed the container openim-${role}-${hash}-1 (running) that an earlier run left behind")
    }
    assert roles() == ['data']

    // The build container killed mid-command: exit 137, said what it means, with the last lines.
    maven = mvnBackground('killed-build', ['openim:run', '-Dopenim.command=echo started-kill; sleep 30'])
    awaitOutput('killed-build', 'started-kill', maven)
    docker('kill', "openim-build-${hash}-1".toString())
    assert maven.waitFor(60, TimeUnit.SECONDS)
    def killedBuild = new File(basedir, 'killed-build.log').text
    assertLog(killedBuild, 'failed in the build container with exit code 137 (killed: out of memory, or stopped with docker kill)')
    assertLog(killedBuild, '  started-kill')
    assert !killedBuild.contains('has no network') : 'no network hint for a killed container'
    assert roles() == ['data']

    // The rsync container killed while the command runs: copy-out names the container.
    maven = mvnBackground('killed-rsync', ['openim:run', '-Dopenim.command=echo started-rsync-kill; sleep 4'])
    awaitOutput('killed-rsync', 'started-rsync-kill', maven)
    docker('kill', "openim-rsync-${hash}-1".toString())
    assert maven.waitFor(60, TimeUnit.SECONDS)
    def killedRsync = new File(basedir, 'killed-rsync.log').text
    assert maven.exitValue() != 0
    assertLog(killedRsync, "The rsync container openim-rsync-${hash}-1 stopped")
    noStackTrace(killedRsync)
    assert roles() == ['data']

    // A taken port: the setting and the fix, once; no raw JSON.
    portHolder = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName('127.0.0.1'))
    def port = portHolder.localPort
    def (exitPort, logPort) = mvn('port-taken', ['openim:sync', "-Dopenim.rsync.port=${port}".toString()])
    assert exitPort != 0
    assertLog(logPort, "The rsync container cannot publish port ${port} on 127.0.0.1: another program holds it")
    assertLog(logPort, "'rsyncPort' (-Dopenim.rsync.port, OPENIM_RSYNC_PORT)")
    assert !logPort.contains('{"message"') : 'raw engine JSON without verbose'
    noStackTrace(logPort)
    portHolder.close()
    assert roles() == ['data']

    // A network that does not exist, a user the image does not know.
    def (exitNet, logNet) = mvn('bad-network', ['openim:run', '-Dopenim.command=true', '-Dopenim.build.network=nonexistent'])
    assert exitNet != 0
    assertLog(logNet, "The build container cannot join the network 'nonexistent': the engine has no such network. Fix 'buildNetwork'")
    assert !logNet.contains('{"message"')
    def (exitUser, logUser) = mvn('bad-user', ['openim:run', '-Dopenim.command=true', '-Dopenim.build.user=nosuchuser'])
    assert exitUser != 0
    assertLog(logUser, "does not know the user 'nosuchuser'. Fix 'buildUser'")
    assert !logUser.contains('{"message"')
    // Verbose shows the reply behind it, once: the rsync daemon's, which switches to the build
    // user for each connection and finds no such user in the image.
    def (exitUserV, logUserV) = mvn('bad-user-verbose', ['openim:run', '-Dopenim.command=true', '-Dopenim.build.user=nosuchuser',
            '-Dopenim.verbose=true'])
    assert exitUserV != 0
    assert logUserV.count('@ERROR: invalid uid nosuchuser') == 1 : logUserV
    assert roles() == ['data']

    // A bad Dockerfile: the Dockerfile's error and last lines, no stack trace.
    def dockerfile = new File(basedir, 'build/build-image/Dockerfile')
    def original = dockerfile.text
    dockerfile.text = original + '\nRUN echo about-to-fail && exit 7\n'
    def (exitDockerfile, logDockerfile) = mvn('bad-dockerfile', ['openim:build-image'])
    dockerfile.text = original
    assert exitDockerfile != 0
    assertLog(logDockerfile, 'failed to build from')
    assertLog(logDockerfile, 'about-to-fail')
    noStackTrace(logDockerfile)

    // A data container that was created but never started is recreated, not trusted.
    def data = "openim-build-data-${hash}-1".toString()
    docker('rm', '-f', data)
    dockerOut('create', '--name', data, '--label', "io.openim.project=${project}".toString(), '--label', "io.openim.hash=${hash}".toString(),
            '--label', 'io.openim.version=1', '--label', 'io.openim.role=data', '--label', 'io.openim.managed=true',
            'openim-it/debian:bookworm', 'true')
    def (exitData, logData) = mvn('never-started', ['openim:run', '-Dopenim.command=touch /workspace/owned-by-build-user && echo data-ok',
            '-Dopenim.copy.output=false'])
    assert exitData == 0 : logData
    assertLog(logData, "Data container ${data} is in a bad state (created but never started); recreating it")
    assertLog(logData, 'data-ok')

    assertUnchanged(initial, snapshot(basedir), 'the engine faults')
} finally {
    maven?.destroyForcibly()?.waitFor()
    proxy?.descendants()?.forEach { it.destroyForcibly() }
    proxy?.destroyForcibly()?.waitFor()
    portHolder?.close()
    proxySocket.delete()
    removeObjectsOf(project)
}
true
