evaluate(new File(itShared, 'ItSupport.groovy'))
// Two checkouts with the same image names and different binaries.
['checkout-a', 'checkout-b'].each { name ->
    def dir = new File(basedir, name)
    copyExample(dir)
    new File(dir, 'build/images').deleteDir()
    new File(dir, 'pom.xml').text = new File(basedir, 'pom.xml').text
    def main = new File(dir, 'cmd/openim-rpc-user/main.go')
    main.text = main.text.replace('component.Main("openim-rpc-user")', "component.Main(\"openim-rpc-user-${name}\")")
}
true
