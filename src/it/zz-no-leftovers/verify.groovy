// Runs last: every test must have removed what it created. Anything the plugin labelled for an
// integration-test project and still present is a leak; it is removed and the run fails.
// As root: it runs no goal; it looks at the whole engine and at root's Podman for what any test left.
evaluate(new File(itShared, 'ItSupport.groovy'))
def leaks = testProjectObjects()
def untaggedBefore = new File(basedir.parentFile, 'untagged-images-before.txt')
if (untaggedBefore.exists()) {
    def before = untaggedBefore.text.readLines().findAll { it } as Set
    def untagged = dockerOut('images', '-a', '-q', '--no-trunc', '--filter', 'dangling=true').readLines().findAll { it } as Set
    def created = untagged - before
    if (created) {
        leaks['untagged images'] = created.collect { it + ' ' + dockerOut('history', '--format', '{{.CreatedBy}}', it).readLines().take(1).join('') }
        created.each { docker('rmi', it) }
    }
}
leaks.findAll { it.key != 'untagged images' }.values().flatten().collect { it.split(' ')[1] }.unique().each { removeObjectsOf(it) }
assert leaks.isEmpty() : "integration tests left engine objects behind: ${leaks}"
true
