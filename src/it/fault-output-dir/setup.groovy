evaluate(new File(itShared, 'ItSupport.groovy'))
copyExample(basedir)
// A source folder that a wrong outDir could point at, and a folder of the user's outside git.
new File(basedir, 'internal/api').mkdirs()
new File(basedir, 'internal/api/server.go').text = 'package api\n'
gitCommitAll(basedir)
new File(basedir, 'notes').mkdirs()
new File(basedir, 'notes/todo.txt').text = 'untracked, the user\'s\n'
true
