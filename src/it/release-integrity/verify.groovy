// Two checkouts, same image names and tags, different binaries, openim:image at the same time on
// one engine, several rounds: every archive holds its own checkout's binary.
// As root: it checks which binary each archive holds when checkouts race; ownership is
// dockerized-build's concern.
evaluate(new File(itShared, 'ItSupport.groovy'))
def project = 'io.openim.it:release-integrity'
def checkouts = ['checkout-a', 'checkout-b'].collect { new File(basedir, it) }
def names = ['openim-api', 'openim-rpc-user', 'openim-msggateway']
try {
    checkouts.each { dir ->
        def (exit, log) = mvn("build-${dir.name}", ['openim:build'], dir)
        assert exit == 0 : log
    }
    def userA = new File(checkouts[0], '_output/dockerized/bin/linux/amd64/openim-rpc-user')
    def userB = new File(checkouts[1], '_output/dockerized/bin/linux/amd64/openim-rpc-user')
    assert sha256(userA) != sha256(userB) : 'the checkouts must differ for the test to mean anything'
    3.times { round ->
        def runs = checkouts.collect { dir -> [dir, mvnBackground("image-${dir.name}-${round}", ['openim:image'], dir)] }
        runs.each { dir, process ->
            assert process.waitFor() == 0 : new File(basedir, "image-${dir.name}-${round}.log").text
        }
        checkouts.each { dir ->
            names.each { name ->
                def archive = new File(dir, "_output/release-images/amd64/${name}.tar")
                def binary = new File(dir, "_output/dockerized/bin/linux/amd64/${name}")
                assert archivedBinarySha(archive, name) == sha256(binary) : "round ${round}: ${archive} holds another checkout's ${name}"
            }
            def (sumExit, sumOut) = sh(['sha256sum', '-c', 'SHA256SUMS'], new File(dir, '_output/release-images/amd64'))
            assert sumExit == 0 : sumOut
        }
    }
    // The archive, loaded, runs its own checkout's binary.
    def archive = new File(checkouts[1], '_output/release-images/amd64/openim-rpc-user.tar')
    dockerOut('load', '-i', archive.path)
    assert dockerOut('run', '--rm', '--network', 'none', 'openim/openim-rpc-user-amd64:1.0.0') ==
            'openim-rpc-user-checkout-b 1.0.0 linux/amd64'
    docker('rmi', '-f', 'openim/openim-rpc-user-amd64:1.0.0')
} finally {
    removeObjectsOf(project)
}
true
