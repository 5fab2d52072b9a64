evaluate(new File(itShared, 'ItSupport.groovy'))
// Two checkouts of the same project in different directories: different hashes.
['checkout-a', 'checkout-b'].each { name ->
    def dir = new File(basedir, name)
    copyExample(dir)
    new File(dir, 'pom.xml').text = new File(basedir, 'pom.xml').text
}
// Two checkouts of one developer, who is not root.
asTestUser()
true
