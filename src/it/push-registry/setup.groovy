evaluate(new File(itShared, 'ItSupport.groovy'))
copyExample(basedir)
new File(basedir, 'build/images').deleteDir()
true
