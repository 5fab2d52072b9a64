// Bad input fails with a message that names the file and the parameter, builds nothing and
// leaves the user's files alone; then a token without a cross image, then no binaries for image;
// text the user edited with invisible characters in it. As the test user.
evaluate(new File(itShared, 'ItSupport.groovy'))
asTestUser()
def project = 'io.openim.it:missing-dockerfile'
try {
    def (exit1, log) = mvn('first', ['openim:build-image'])
    assert exit1 != 0
    assertLog(log, 'build/nowhere/Dockerfile does not exist')
    assertLog(log, "set 'dockerfile' (-Dopenim.dockerfile, OPENIM_DOCKERFILE)")
    assert !log.contains('at io.openim') : 'a stack trace reached the user'
    assert objectsOf(project).values().every { it.isEmpty() }
    assert new File(basedir, 'src/keep.txt').text.trim() == 'user file'

    // A Dockerfile with the token but no cross image configured.
    def dockerfile = writeAsTestUser(new File(basedir, 'build/build-image/Dockerfile'), 'FROM OPENIM_BUILD_IMAGE_CROSS_TAG\n')
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

    // A VERSION file saved by an editor that adds a byte-order mark and CRLF: read as its text. One
    // with an invisible character: refused before anything happens, the character shown escaped.
    def versionFile = new File(basedir, 'build/build-image/VERSION')
    versionFile.bytes = [0xEF, 0xBB, 0xBF] as byte[]
    versionFile.append('7\r\n', 'UTF-8')
    sh(['chown', "${testUser}:".toString(), versionFile.path])
    def (exitBom, logBom) = mvn('version-bom', ['openim:build-image', '-Dopenim.dockerfile=build/build-image/Dockerfile'])
    assert exitBom != 0 : 'the Dockerfile has no cross image; the version is read first'
    assertLog(logBom, 'no cross image is configured')
    assert !logBom.contains('cannot be part of an image tag') : logBom
    def before = versionFile.bytes
    versionFile.setText('7\u200b\n', 'UTF-8')
    before = versionFile.bytes
    def (exitZw, logZw) = mvn('version-zero-width', ['openim:build-image', '-Dopenim.dockerfile=build/build-image/Dockerfile'])
    assert exitZw != 0
    assertLog(logZw, "The file ${versionFile} holds an invisible character \\u200b (zero width space) at column 2: '7\\u200b'. Remove it.")
    assert !logZw.contains('\u200b') : 'the character was printed raw'
    assert versionFile.bytes == before : 'the user\'s file was changed'
    assert !logZw.contains('[INFO] Building build image') && objectsOf(project).values().every { it.isEmpty() }
    versionFile.delete()
    // The same for a list setting, here from the environment.
    def (exitList, logList) = mvnEnv('extra-tags', ['openim:image'], [OPENIM_EXTRA_TAGS: 'latest,\u2060edge'])
    assert exitList != 0
    assertLog(logList, "Setting 'extraTags' (-Dopenim.extra.tags, OPENIM_EXTRA_TAGS) (from the environment variable"
            + " OPENIM_EXTRA_TAGS) holds an invisible character \\u2060 (word joiner)")
    assert !logList.contains('\u2060')

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
