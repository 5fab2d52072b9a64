evaluate(new File(itShared, 'ItSupport.groovy'))
copyExample(basedir)
// Links as a checkout has them: absolute, relative up the tree, out of the checkout. They point
// into the container there; nothing on the host is followed.
def link = { String path, String target ->
    def file = new File(basedir, path).toPath()
    java.nio.file.Files.createDirectories(file.parent)
    java.nio.file.Files.createSymbolicLink(file, java.nio.file.Paths.get(target))
}
link('links/absolute', '/etc/hostname')
link('links/deep/relative', '../../go.mod')
link('outside', '../elsewhere')
asTestUser()
true
