// A full disk where the plugin writes: the error names the file and outDir, no partial file
// stays, nothing is left in the engine. Needs a small tmpfs; where this machine cannot mount one,
// the test says so and stops.
// As root: mounting the small tmpfs it fills needs root.
evaluate(new File(itShared, 'ItSupport.groovy'))
def project = 'io.openim.it:fault-disk'
def mounted = []
def mountSmall = { File dir, String size ->
    dir.mkdirs()
    def (exit, out) = sh(['mount', '-t', 'tmpfs', '-o', "size=${size}".toString(), 'openim-it-full', dir.path])
    if (exit == 0) {
        mounted << dir
    }
    [exit, out]
}
def unmount = { File dir ->
    sh(['umount', dir.path])
    mounted.remove(dir)
    dir.deleteDir()
}
def leftovers = { File dir ->
    def found = []
    dir.eachFileRecurse { if (it.name.endsWith('.partial') || it.name.endsWith('.context.tar')) found << it.path }
    found
}
try {
    def (exitBuild, logBuild) = mvn('build', ['openim:build'])
    assert exitBuild == 0 : logBuild
    def initial = snapshot(basedir)

    def releaseDir = new File(basedir, '_output/release-images')
    def (mountExit, mountOut) = mountSmall(releaseDir, '1m')
    if (mountExit != 0) {
        println "SKIPPED fault-disk: this machine cannot mount a tmpfs (${mountOut.trim()})"
        return true
    }
    // The archives do not fit.
    def (exit1, log1) = mvn('archive-full', ['openim:image'])
    assert exit1 != 0
    assertLog(log1, 'Cannot write the archive ' + releaseDir.path + '/amd64/')
    assertLog(log1, 'No space left on device. Free disk space or point \'outDir\' (-Dopenim.out.dir, OPENIM_OUT_DIR)')
    assert leftovers(releaseDir).isEmpty() : leftovers(releaseDir)
    assert dockerOut('images', '-q', '--filter', projectFilter(project), '--filter', 'label=io.openim.role=release-image') == ''
    unmount(releaseDir)

        // The work directory, where each binary's layer is made, does not fit.
    def workDir = new File(basedir, '_output/images/release')
    mountSmall(workDir, '256k')
    def (exit2, log2) = mvn('layers-full', ['openim:image'])
    assert exit2 != 0
    assertLog(log2, 'Cannot write the layer of openim-api in ' + workDir.path + '/blobs: No space left on device.')
    assertLog(log2, "Free disk space or point 'outDir'")
    assertLog(log2, 'No space left on device')
    assert leftovers(workDir).isEmpty() : leftovers(workDir)
    unmount(workDir)

    // The results copied out do not fit.
    def binDir = new File(basedir, '_output/dockerized')
    binDir.deleteDir()
    mountSmall(binDir, '256k')
    def (exit3, log3) = mvn('copy-out-full', ['openim:build'])
    assert exit3 != 0
    assertLog(log3, 'rsync (copy out) failed')
    assertLog(log3, 'The disk holding ' + binDir.path + ' is full')
    unmount(binDir)

    assertUnchanged(initial, snapshot(basedir), 'full disks')
    assert objectsOf(project).containers.collect { it.split(' ')[1] } == ['data']
} finally {
    mounted.clone().each { unmount(it) }
    removeObjectsOf(project)
}
true
