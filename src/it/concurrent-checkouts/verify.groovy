// Two checkouts build at the same time without interfering; clean of one leaves the other;
// a second build of the same checkout is refused at once, naming the running one. All as the
// test user: the lock file and both checkouts' results are theirs.
evaluate(new File(itShared, 'ItSupport.groovy'))
asTestUser()
def project = 'io.openim.it:concurrent-checkouts'
def a = new File(basedir, 'checkout-a')
def b = new File(basedir, 'checkout-b')
def hashOf = { String log -> (log =~ /openim-build-data-([0-9a-f]{10})-1/)[0][1] }
try {
    def buildA = mvnBackground('build-a', ['openim:build'], a)
    def buildB = mvnBackground('build-b', ['openim:build'], b)
    assert buildA.waitFor() == 0 : new File(basedir, 'build-a.log').text
    assert buildB.waitFor() == 0 : new File(basedir, 'build-b.log').text
    def logA = new File(basedir, 'build-a.log').text
    def logB = new File(basedir, 'build-b.log').text
    def hashA = hashOf(logA)
    def hashB = hashOf(logB)
    assert hashA != hashB
    [a, b].each { dir ->
        ['openim-api', 'openim-rpc-user', 'openim-msggateway'].each {
            assert new File(dir, "_output/dockerized/bin/linux/amd64/${it}").canExecute()
        }
    }

    // The lock: while a build of checkout-a runs, a second one fails fast and names it.
    def holder = mvnBackground('holder', ['openim:run', '-Dopenim.command=sleep 8', '-Dopenim.copy.output=false'], a)
    def deadline = System.currentTimeMillis() + 60_000
    while (!new File(basedir, 'holder.log').text.contains('Running `sleep 8`') && System.currentTimeMillis() < deadline) {
        Thread.sleep(200)
    }
    def started = System.currentTimeMillis()
    def (exitSecond, logSecond) = mvn('second', ['openim:build'], a)
    assert exitSecond != 0
    assertLog(logSecond, 'Another openim build of this checkout is running (pid ')
    assertLog(logSecond, 'waitForLock')
    assert holder.waitFor() == 0 : new File(basedir, 'holder.log').text
    println "second build refused after ${System.currentTimeMillis() - started} ms (Maven start included)"

    // With waitForLock the second build queues instead.
    def holder2 = mvnBackground('holder2', ['openim:run', '-Dopenim.command=sleep 3', '-Dopenim.copy.output=false'], a)
    deadline = System.currentTimeMillis() + 60_000
    while (!new File(basedir, 'holder2.log').text.contains('Running `sleep 3`') && System.currentTimeMillis() < deadline) {
        Thread.sleep(200)
    }
    def (exitWait, logWait) = mvn('waiting', ['openim:run', '-Dopenim.command=true', '-Dopenim.wait.for.lock=true',
                                              '-Dopenim.copy.output=false'], a)
    assert exitWait == 0 : logWait
    assertLog(logWait, 'Waiting for the running build to finish')
    assert holder2.waitFor() == 0

    // Clean of checkout-a removes only its own state.
    def (exitClean, logClean) = mvn('clean-a', ['openim:clean'], a)
    assert exitClean == 0 : logClean
    assert dockerOut('ps', '-a', '--filter', "label=io.openim.hash=${hashA}".toString(), '-q') == ''
    assert dockerOut('images', '--filter', "label=io.openim.hash=${hashA}".toString(), '-q') == ''
    assert dockerOut('volume', 'ls', '--filter', "label=io.openim.hash=${hashA}".toString(), '-q') == ''
    assert dockerOut('ps', '-a', '--filter', "label=io.openim.hash=${hashB}".toString(), '--format', '{{.Names}}') ==
            "openim-build-data-${hashB}-1".toString()
    assert dockerOut('images', '--filter', "label=io.openim.hash=${hashB}".toString(), '-q') != ''
    assert !new File(a, '_output').exists()
    assert new File(b, '_output/dockerized/bin/linux/amd64/openim-api').exists()
    [a, b].each { assert notOwnedByTestUser(it).isEmpty() : notOwnedByTestUser(it) }
} finally {
    removeObjectsOf(project)
}
true
