evaluate(new File(itShared, 'ItSupport.groovy'))
copyExample(basedir)
asTestUser()
true
