evaluate(new File(itShared, 'ItSupport.groovy'))
copyExample(basedir)
// A git checkout, so the images' creation time is the commit's.
gitCommitAll(basedir)
true
