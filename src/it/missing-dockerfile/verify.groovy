// Bad input fails with a message that names the file and the parameter, builds nothing and
// leaves the user's files alone; then a token without a cross image, then no binaries for image.
evaluate(new File(itShared, 'ItSupport.groovy'))
def project = 'io.openim.it:missing-dockerfile'
try {
    def log = new File(basedir, 'build.log').text
    assertLog(log, 'build/nowhere/Dockerfile does not exist')
    assertLog(log, "set 'dockerfile' (-Dopenim.dockerfile, OPENIM_DOCKERFILE)")
    assert !log.contains('at io.openim') : 'a stack trace reached the user'
    assert objectsOf(project).values().every { it.isEmpty() }
    assert new File(basedir, 'src/keep.txt').text.trim() == 'user file'

    // A Dockerfile with the token but no cross image configured.
    def dockerfile = new File(basedir, 'build/build-image/Dockerfile')
    dockerfile.parentFile.mkdirs()
    dockerfile.text = 'FROM OPENIM_BUILD_IMAGE_CROSS_TAG\n'
    def (exit, log2) = mvn('no-cross', ['openim:build-image', '-Dopenim.dockerfile=build/build-image/Dockerfile'])
    assert exit != 0
    assertLog(log2, 'no cross image is configured')
    assertLog(log2, "Set 'crossImage' and 'crossVersion'")
    assert objectsOf(project).values().every { it.isEmpty() }

    // An invalid version is refused before anything is built.
    def (exit3, log3) = mvn('bad-version', ['openim:build-image', '-Dopenim.dockerfile=build/build-image/Dockerfile',
                                            '-Dopenim.build.image.version=has space'])
    assert exit3 != 0
    assertLog(log3, "The build image version 'has space' cannot be part of an image tag")

    // openim:image with nothing built names the directory and the goal that fills it.
    def (exit4, log4) = mvn('no-binaries', ['openim:image'])
    assert exit4 != 0
    assertLog(log4, 'No binaries found in')
    assertLog(log4, 'Run openim:build first')

    // openim:shell refuses batch mode instead of hanging on a missing terminal.
    def (exitShell, logShell) = mvn('shell', ['openim:shell'])
    assert exitShell != 0
    assertLog(logShell, 'openim:shell needs an interactive terminal')

    // Each goal's help lists only the parameters that goal reads.
    def helpOf = { String goal ->
        def (exitHelp, logHelp) = mvn("help-${goal}", ['openim:help', '-Ddetail', "-Dgoal=${goal}".toString()])
        assert exitHelp == 0 : logHelp
        logHelp
    }
    def cleanHelp = helpOf('clean')
    ['skip', 'dockerHost', 'outDir', 'verbose', 'waitForLock'].each { assertLog(cleanHelp, "    ${it}\n") }
    ['buildCommand', 'rsyncPort', 'imageRegistry', 'passEnv', 'dockerfile'].each {
        assert !cleanHelp.contains("    ${it}\n") : "openim:clean lists ${it}"
    }
    def imageHelp = helpOf('image')
    ['runtimeBaseImage', 'imageRegistry', 'outputSubpath'].each { assertLog(imageHelp, "    ${it}\n") }
    ['buildCommand', 'rsyncPort', 'passEnv', 'dockerfile'].each { assert !imageHelp.contains("    ${it}\n") }
    def buildImageHelp = helpOf('build-image')
    ['dockerfile', 'crossImage', 'buildArgs'].each { assertLog(buildImageHelp, "    ${it}\n") }
    ['buildCommand', 'rsyncPort', 'imageRegistry', 'remoteRoot'].each { assert !buildImageHelp.contains("    ${it}\n") }
    // An engine that does not answer: one clear error naming what was tried.
    def (exit5, log5) = mvn('no-engine', ['openim:build-image', '-Dopenim.docker.host=unix:///nonexistent/docker.sock'])
    assert exit5 != 0
    assertLog(log5, 'The Docker engine at unix:///nonexistent/docker.sock (dockerHost) did not answer: no socket at /nonexistent/docker.sock')
    assert objectsOf(project).values().every { it.isEmpty() }
} finally {
    removeObjectsOf(project)
}
true
