evaluate(new File(itShared, 'ItSupport.groovy'))
copyExample(basedir)
// The runner's home, where the README's workflow keeps the cache ($HOME/.cache/openim): the test
// user's, and without the cache directory, which cache-save makes. Archives of an earlier, failed
// run must not be restored by this one.
def home = new File(basedir.parentFile, 'ci-cache-home')
home.deleteDir()
home.mkdirs()
def (exit, out) = sh(['chown', "${testUser}:".toString(), home.path])
assert exit == 0 : out
// A CI runner's user is an ordinary one in the docker group (GitHub's `runner`), not root.
asTestUser()
true
