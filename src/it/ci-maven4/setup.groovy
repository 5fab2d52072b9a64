evaluate(new File(itShared, 'ItSupport.groovy'))
copyExample(basedir)
true
