// The output directory is the plugin's, provably: a wrong outDir deletes nothing, is refused
// before any side effect, and a symlinked _output is refused unless the user opts in.
// Stays root on purpose: it proves the plugin writes nothing beside the checkout (in target/it),
// which the test user could not write anyway, so as that user the check could not fail.
evaluate(new File(itShared, 'ItSupport.groovy'))
def project = 'io.openim.it:fault-output-dir'
def parent = basedir.parentFile
def elsewhere = new File(parent, 'fault-output-dir-elsewhere')
def linked = new File(parent, 'fault-output-dir-linked')
try {
    def initial = snapshot(basedir)

    // 1. clean with outDir at a tracked source folder: refused, nothing deleted.
    def (exit1, log1) = mvn('clean-internal', ['openim:clean', '-Dopenim.out.dir=internal'])
    assert exit1 != 0 : log1
    assertLog(log1, 'openim:clean deletes nothing in ' + new File(basedir, 'internal').path)
    assertLog(log1, 'git tracks files there (internal/api/server.go)')
    assertUnchanged(initial, snapshot(basedir), 'clean -Dopenim.out.dir=internal')

    // 1b. clean with outDir at an untracked folder the plugin did not create: left alone.
    def (exit1b, log1b) = mvn('clean-notes', ['openim:clean', '-Dopenim.out.dir=notes'])
    assert exit1b == 0 : log1b
    assertLog(log1b, 'leaves ' + new File(basedir, 'notes').path + ' alone: the plugin did not create it')
    assertUnchanged(initial, snapshot(basedir), 'clean -Dopenim.out.dir=notes')

    // 2. outDir outside the checkout: refused before the lock or the engine.
    def (exit2, log2) = mvn('build-parent', ['openim:build', '-Dopenim.out.dir=..'])
    assert exit2 != 0
    assertLog(log2, "'outDir' (-Dopenim.out.dir, OPENIM_OUT_DIR) is '..', which is a directory holding the checkout")
    assert !new File(parent, '.openim.lock').exists()
    def (exit2b, log2b) = mvn('build-elsewhere', ['openim:build', "-Dopenim.out.dir=../${elsewhere.name}".toString()])
    assert exit2b != 0
    assertLog(log2b, 'which is outside the checkout')
    assertLog(log2b, "'allowExternalOutDir' (-Dopenim.allow.external.out.dir=true")
    assert !elsewhere.exists() : 'nothing may be written outside the checkout'
    assert objectsOf(project).values().every { it.isEmpty() } : objectsOf(project)

    // 11. A bad rsyncPort is refused before the build image step.
    def (exit11, log11) = mvn('bad-port', ['openim:build', '-Dopenim.rsync.port=70000'])
    assert exit11 != 0
    assertLog(log11, "'rsyncPort' (-Dopenim.rsync.port, OPENIM_RSYNC_PORT) is '70000'")
    assert !log11.contains('build image') && !log11.contains('Build image') : log11
    assert objectsOf(project).values().every { it.isEmpty() }

    // A real build, so there is engine state a misdirected clean could destroy.
    def (exitBuild, logBuild) = mvn('build', ['openim:build'])
    assert exitBuild == 0 : logBuild
    def state = objectsOf(project)
    def (exit2c, log2c) = mvn('clean-elsewhere', ['openim:clean', "-Dopenim.out.dir=../${elsewhere.name}".toString()])
    assert exit2c != 0
    assertLog(log2c, 'which is outside the checkout')
    assert objectsOf(project) == state : 'the refused clean removed engine state'
    assert !elsewhere.exists()

    // 3. A symlinked _output: refused, nothing written through the link ...
    def (exitClean, logClean) = mvn('clean', ['openim:clean'])
    assert exitClean == 0 : logClean
    assert !new File(basedir, '_output').exists()
    linked.mkdirs()
    java.nio.file.Files.createSymbolicLink(new File(basedir, '_output').toPath(), linked.toPath())
    def (exit3, log3) = mvn('build-link', ['openim:build'])
    assert exit3 != 0
    assertLog(log3, 'on the way there is a symbolic link (to ' + linked.path + ')')
    assert linked.list().length == 0 : "written through the link: ${linked.list()}"
    // ... and with the opt-in the build works, the link never travels into the container.
    def (exit3b, log3b) = mvn('build-link-allowed', ['openim:run', '-Dopenim.allow.external.out.dir=true',
            '-Dopenim.command=test ! -L _output && make build && echo no-link-in-container'])
    assert exit3b == 0 : log3b
    assertLog(log3b, 'no-link-in-container')
    assert new File(linked, 'dockerized/bin/linux/amd64/openim-api').canExecute()
    def (exit3c, log3c) = mvn('clean-link', ['openim:clean', '-Dopenim.allow.external.out.dir=true'])
    assert exit3c == 0 : log3c
    assert java.nio.file.Files.isSymbolicLink(new File(basedir, '_output').toPath()) : 'the user\'s link stays'
    assert linked.list().length == 0 : "clean left ${linked.list()}"
    new File(basedir, '_output').delete()

    assertUnchanged(initial, snapshot(basedir), 'the whole test')
    assert objectsOf(project).values().every { it.isEmpty() } : objectsOf(project)
} finally {
    removeObjectsOf(project)
    [elsewhere, linked].each { it.deleteDir() }
    new File(parent, '.openim.lock').delete()
}
true
