// Runs last: every test must have removed what it created. Anything the plugin labelled for an
// integration-test project and still present is a leak; it is removed and the run fails.
evaluate(new File(itShared, 'ItSupport.groovy'))
def leaks = [:]
def formats = ['ps -a': '{{.Names}} {{.Label "io.openim.project"}}', 'images': '{{.ID}}',
               'volume ls': '{{.Name}} {{.Label "io.openim.project"}}']
formats.each { kind, format ->
    def args = kind.split(' ').toList() + ['--filter', 'label=io.openim.managed=true', '--format', format]
    def found = dockerOut(*args).readLines().findAll { it }
    if (kind == 'images') {
        // The image listing has no label placeholder; ask each image for its project.
        found = found.unique().collect { it + ' ' + dockerOut('image', 'inspect', '--format',
                '{{index .Config.Labels "io.openim.project"}}', it) }
    }
    found = found.findAll { it.contains(' io.openim.it:') }
    if (found) {
        leaks[kind] = found
    }
}
leaks.values().flatten().collect { it.split(' ')[1] }.unique().each { removeObjectsOf(it) }
assert leaks.isEmpty() : "integration tests left engine objects behind: ${leaks}"
true
