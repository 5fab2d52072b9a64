evaluate(new File(itShared, 'ItSupport.groovy'))
copyExample(basedir)
// Archives of an earlier, failed run must not be restored by this one.
new File(basedir.parentFile, 'ci-cache-archives').deleteDir()
true
