// The main job under Maven 4 (the release the build unpacked into target/maven4): `package` of
// the example builds the binaries in Docker and archives the release images, and Maven 4 warns
// about nothing of the plugin. Warnings about this project's own POM may stay (README "Maven
// versions"), none may name the plugin.
// As root: what it proves is Maven 4's handling of the plugin; the file ownership of a build is the
// test user's tests' concern (dockerized-build runs the same `mvn package` as that user).
evaluate(new File(itShared, 'ItSupport.groovy'))
def project = 'io.openim.it:ci-maven4'
def mvn4 = new File(maven4Home.toString(), 'bin/mvn')
try {
    // Maven 3.9's plugin validation, verbose, on a goal of the plugin: it reports nothing.
    def (m3Exit, m3Log) = mvn('maven3-validation', ['-Dmaven.plugin.validation=VERBOSE', 'validate', 'openim:help'])
    assert m3Exit == 0 : m3Log
    assert !m3Log.contains('Plugin validation issues') && !m3Log.contains('[WARNING]') : m3Log
    assert mvn4.canExecute() : "Maven 4 unpacked at ${mvn4}"
    def (versionExit, versionOut) = sh([mvn4.path, '--version'])
    assert versionExit == 0 && versionOut.contains('Apache Maven 4.0.0-rc-5') : versionOut
    // Online: Maven 4 resolves its own default plugins (and their newer versions) the first time.
    def command = [mvn4.path, '-B', '-s', itSettings.path, "-Dmaven.repo.local=${localRepositoryPath}".toString(),
                   '-Dmaven.plugin.validation=VERBOSE', 'package']
    def (exit, log) = sh(command, basedir, 900)
    new File(basedir, 'maven4.log').text = log
    assert exit == 0 : log.readLines().takeRight(60).join('\n')
    assertLog(log, 'Creating data container openim-build-data-')
    assertLog(log, 'go build openim-api for linux/arm64')
    ['amd64', 'arm64'].each { arch ->
        ['openim-api', 'openim-rpc-user', 'openim-msggateway'].each { name ->
            assert new File(basedir, "_output/dockerized/bin/linux/${arch}/${name}").canExecute() : "${arch}/${name}"
            assert new File(basedir, "_output/release-images/${arch}/${name}.tar").isFile() : "${arch}/${name}.tar"
        }
        def (sumExit, sumOut) = sh(['sha256sum', '-c', 'SHA256SUMS'], new File(basedir, "_output/release-images/${arch}"))
        assert sumExit == 0 : sumOut
    }
    def warnings = log.readLines().findAll { it.startsWith('[WARNING]') }
    def aboutThePlugin = warnings.findAll { it.contains('openim-maven-plugin') || it.contains('io.openim:') }
    assert aboutThePlugin.isEmpty() : "Maven 4 warns about the plugin:\n${aboutThePlugin.join('\n')}"
    assert !log.contains('Plugin validation issues') : log
    println "Maven 4 warnings (none about the plugin): ${warnings.size()}\n${warnings.join('\n')}"
    def (cleanExit, cleanLog) = sh([mvn4.path, '-B', '-o', '-s', itSettings.path,
                                    "-Dmaven.repo.local=${localRepositoryPath}".toString(), 'openim:clean'], basedir)
    assert cleanExit == 0 : cleanLog
    assert objectsOf(project).values().every { it.isEmpty() } : objectsOf(project)
} finally {
    removeObjectsOf(project)
}
true
