// A checkout whose path has spaces and non-ASCII characters: the whole flow works; a command
// that writes no results on a fresh checkout is "nothing to copy", not a failure. As the test user.
evaluate(new File(itShared, 'ItSupport.groovy'))
asTestUser()
def project = 'io.openim.it:fault-paths'
def checkout = new File(basedir, 'my checkout ü-日本')
try {
    def initial = snapshot(checkout)

    // 4. A fresh checkout and a command that writes nothing under _output/dockerized.
    def (exit4, log4) = mvn('echo-ok', ['openim:run', '-Dopenim.command=echo ok'], checkout)
    assert exit4 == 0 : log4
    assertLog(log4, '[INFO] ok')
    assertLog(log4, 'Nothing to copy out: _output/dockerized does not exist in the container')

    def (exitBuild, logBuild) = mvn('build', ['openim:build', 'openim:image'], checkout)
    assert exitBuild == 0 : logBuild
    def bin = new File(checkout, '_output/dockerized/bin/linux/amd64/openim-api')
    assert bin.canExecute()
    assert sh([bin.path])[1].trim() == 'openim-api 1.0.0 linux/amd64'
    def releaseDir = new File(checkout, '_output/release-images/amd64')
    def (sumExit, sumOut) = sh(['sha256sum', '-c', 'SHA256SUMS'], releaseDir)
    assert sumExit == 0 : sumOut

    def (exitClean, logClean) = mvn('clean', ['openim:clean'], checkout)
    assert exitClean == 0 : logClean
    assert !new File(checkout, '_output').exists()
    assertUnchanged(initial, snapshot(checkout), 'the flow in an awkward path')
    assert notOwnedByTestUser(checkout).isEmpty() : notOwnedByTestUser(checkout)
    assert objectsOf(project).values().every { it.isEmpty() } : objectsOf(project)
} finally {
    removeObjectsOf(project)
}
true
