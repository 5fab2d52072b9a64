evaluate(new File(itShared, 'ItSupport.groovy'))
def checkout = new File(basedir, 'my checkout ü-日本')
copyExample(checkout)
new File(checkout, 'pom.xml').text = new File(basedir, 'pom.xml').text
// The example's per-binary Dockerfile check needs none here: generated images only.
new File(checkout, 'build/images').deleteDir()
asTestUser()
true
