evaluate(new File(itShared, 'ItSupport.groovy'))
copyExample(basedir)
// Enough files that sync in takes a while: the second case stops Maven in the middle of it.
def many = new File(basedir, 'testdata/many')
many.mkdirs()
(1..30000).each { new File(many, "file-${it}.txt").text = "file ${it}\n" }
asTestUser()
true
