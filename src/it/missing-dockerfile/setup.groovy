evaluate(new File(itShared, 'ItSupport.groovy'))
asTestUser()
true
