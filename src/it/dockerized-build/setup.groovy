evaluate(new File(itShared, 'ItSupport.groovy'))
copyExample(basedir)
// A file that a later step deletes on the host, to check the deletion reaches the container.
new File(basedir, 'docs').mkdirs()
new File(basedir, 'docs/notes.txt').text = 'to be deleted\n'
// The checkout is the test user's, as a developer's is.
asTestUser()
true
