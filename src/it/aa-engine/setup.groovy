// Prepares the machine for the integration tests: a Docker engine and the local base images.
// The script is idempotent and takes seconds when everything is there already.
// As root: it installs and starts the engine, makes the base images and creates the test user.
evaluate(new File(itShared, 'ItSupport.groovy'))
def script = new File(projectDir, 'scripts/docker-bootstrap.sh')
def (exit, out) = sh(['bash', script.path], basedir, 1800)
new File(basedir, 'bootstrap.log').text = out
println out.readLines().findAll { it.startsWith('[docker-bootstrap]') }.join('\n')
assert exit == 0 : "scripts/docker-bootstrap.sh failed:\n${out}"
// A run that was killed (Ctrl-C, a lost machine) never reached its tests' clean-up; what it left
// would count against this run (e.g. a second data container of a test project). Only objects of
// the test projects are removed, and named, so that a leak of this run still fails zz-no-leftovers.
def stale = testProjectObjects()
if (stale) {
    println "[aa-engine] removing what an earlier, interrupted test run left: ${stale}"
    stale.values().flatten().collect { it.split(' ')[1] }.unique().each { removeObjectsOf(it) }
    assert testProjectObjects().isEmpty() : "objects of an earlier test run could not be removed: ${testProjectObjects()}"
}
// The same for the test projects in the root Podman that src/it/podman-engine drives.
def podmanConf = System.getenv('OPENIM_IT_PODMAN_CONF') ?: '/var/lib/openim-it/podman/containers.conf'
if (new File(podmanConf).isFile()) {
    def podman = { List<String> args ->
        def builder = new ProcessBuilder(['podman'] + args).redirectErrorStream(true)
        builder.environment().put('CONTAINERS_CONF', podmanConf)
        def process = builder.start()
        def text = process.inputStream.text
        [process.waitFor(), text]
    }
    def managed = '--filter=label=io.openim.managed=true'
    [[['ps', '-a'], '{{.ID}} {{index .Labels "io.openim.project"}}', ['rm', '-f', '-v']],
     [['volume', 'ls'], '{{.Name}} {{index .Labels "io.openim.project"}}', ['volume', 'rm', '-f']],
     [['images'], '{{.ID}} {{index .Labels "io.openim.project"}}', ['rmi', '-f']]].each { list, format, remove ->
        def (listed, listing) = podman(list + [managed, "--format=${format}".toString()])
        def ids = listed == 0 ? listing.readLines().findAll { it.contains(' io.openim.it:') }.collect { it.split(' ')[0] }.unique() : []
        if (ids) {
            println "[aa-engine] removing from Podman what an earlier, interrupted test run left: ${ids}"
            def (removed, why) = podman(remove + ids)
            assert removed == 0 : why
        }
    }
}
// Untagged images before the tests: src/it/zz-no-leftovers fails on new ones (a build's step
// images carry no label, so only this comparison finds them).
new File(basedir.parentFile, 'untagged-images-before.txt').text =
        dockerOut('images', '-a', '-q', '--no-trunc', '--filter', 'dangling=true')
true
