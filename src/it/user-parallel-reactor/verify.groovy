// A parallel reactor (-T 2) of two modules that both build in Docker, run by the test user:
// every line the plugin writes, the build container's output included, starts with its module's
// name, so the two builds can be told apart; Maven's own lines are the only ones without.
evaluate(new File(itShared, 'ItSupport.groovy'))
asTestUser()
def modules = ['module-a', 'module-b']
def projects = modules.collect { "io.openim.it:${it}".toString() }
// Maven's own lines in a parallel build: headers, the reactor's order and summary, blank lines.
def mavensOwn = [
    ~/^\[INFO\] $/, ~/^\[INFO\] -+$/, ~/^\[INFO\] -*< .* >-*$/, ~/^\[INFO\] -+\[ \w+ \]-+$/, ~/^\[INFO\] --- .* ---$/,
    ~/^\[INFO\] Scanning for projects\.\.\.$/, ~/^\[INFO\] Reactor Build Order:$/, ~/^\[INFO\] Reactor Summary.*$/,
    ~/^\[INFO\] (user-parallel-reactor|module-a|module-b) .*$/, ~/^\[INFO\] Building .*$/, ~/^\[INFO\]   from .*$/,
    ~/^\[INFO\] Using the MultiThreadedBuilder .*$/, ~/^\[INFO\] BUILD SUCCESS$/, ~/^\[INFO\] Total time: .*$/,
    ~/^\[INFO\] Finished at: .*$/, ~/^\[INFO\] Apache Maven.*$/,
]
try {
    def (exit, log) = mvn('parallel', ['-T', '2', 'compile'])
    assert exit == 0 : log
    assertLog(log, 'Using the MultiThreadedBuilder implementation with a thread count of 2')
    def lines = log.readLines().findAll { it.startsWith('[') }
    def unmarked = lines.findAll { line -> !(line =~ /^\[(INFO|WARNING|ERROR|DEBUG)\] \[module-[ab]\] /) && !mavensOwn.any { line ==~ it } }
    assert unmarked.isEmpty() : "lines without their module's name:\n${unmarked.join('\n')}"
    def hashes = [:]
    modules.each { module ->
        def own = lines.findAll { it.contains("] [${module}] ") }
        def text = own.join('\n')
        // The plugin's steps and the build container's output (go build) are all marked.
        ['Building build image openim-build:build-', 'Creating data container openim-build-data-', 'Sync through port',
         'rsync sync in:', 'Running `make build`', 'go build openim-api for linux/amd64', 'rsync copy out:', 'openim timings:'].each {
            assert text.contains(it) : "no '${it}' line marked ${module}:\n${text}"
        }
        hashes[module] = hashIn(text)
        def binary = new File(basedir, "${module}/_output/dockerized/bin/linux/amd64/openim-api")
        assert sh([binary.path])[1].trim() == "openim-api-${module} 1.0.0 linux/amd64".toString()
    }
    assert hashes.values().toSet().size() == 2 : hashes
    // A line marked with one module never names the other module's containers.
    modules.each { module ->
        def other = hashes[modules.find { it != module }]
        def wrong = lines.findAll { it.contains("] [${module}] ") && it.contains(other) }
        assert wrong.isEmpty() : "lines of ${module} naming the other module's containers:\n${wrong.join('\n')}"
    }
    modules.each { assert notOwnedByTestUser(new File(basedir, it)).isEmpty() : notOwnedByTestUser(new File(basedir, it)) }

    // A single module on its own is not a parallel session: its lines are as they always were.
    def (exitOne, logOne) = mvn('single', ['compile'], new File(basedir, 'module-a'))
    assert exitOne == 0 : logOne
    assertLog(logOne, '[INFO] Running `make build`')
    assert !logOne.contains('[module-a]') : 'the module name without -T'
} finally {
    projects.each { removeObjectsOf(it) }
}
true
