// The CI cache on one machine: a cold build, cache-save, a clean engine, cache-restore + build
// (same binaries, the caches the build user's and used), archives for another build image
// version, a truncated archive (named, skipped, the build cold and correct), and bad input. All
// of it as the test user, as a CI runner's user is: the archives, the checkout and the restored
// caches must be that user's.
evaluate(new File(itShared, 'ItSupport.groovy'))
asTestUser()
def project = 'io.openim.it:ci-cache'
def home = new File(basedir.parentFile, 'ci-cache-home')
def cacheDir = new File(home, '.cache/openim')
def (uid, gid) = testUserIds()
def dirFlag = "-Dopenim.cache.dir=${cacheDir}".toString()
def bin = new File(basedir, '_output/dockerized/bin/linux/amd64')
def binaries = ['openim-api', 'openim-rpc-user', 'openim-msggateway']
def shas = { binaries.collectEntries { [it, sha256(new File(bin, it))] } }
def archives = { (cacheDir.listFiles() ?: []).findAll { it.name.endsWith('.tar.gz') } }
try {
    def (exitCold, log) = mvn('cold', ['openim:build'])
    assert exitCold == 0 : log
    assertLog(log, 'Creating data container openim-build-data-')
    def cold = shas()

    // Bad input first: nothing happens without cacheDir, and cache-save needs a data container.
    def (exitNoDir, logNoDir) = mvn('no-dir', ['openim:cache-save'])
    assert exitNoDir != 0
    assertLog(logNoDir, "openim:cache-save needs 'cacheDir' (-Dopenim.cache.dir=")
    assert !cacheDir.exists()

    // Save: one archive for /cache (not /workspace), a gzipped tar that starts with its header.
    def (exitSave, logSave) = mvn('save', ['openim:cache-save', dirFlag])
    assert exitSave == 0 : logSave
    assertLog(logSave, 'Saved /cache: ')
    assert archives().size() == 1 : cacheDir.list()
    def archive = archives()[0]
    assert cacheDir.list().findAll { it.endsWith('.partial') }.isEmpty()
    def (tarExit, listing) = sh(['tar', '-tzvf', archive.path])
    assert tarExit == 0 : listing
    def names = listing.readLines()*.split(/\s+/)*.last()
    assert names[0] == '.openim-cache.json'
    assert names.any { it.startsWith('cache/go-build/') } : names.take(20)
    assert !names.any { it.contains('workspace') || it.contains('cmd/openim-api') } : 'the sources are not cached'
    def header = sh(['sh', '-c', "tar -xzOf '${archive.path}' .openim-cache.json".toString()])[1]
    assert header.contains('"buildImageVersion":"1"') && header.contains('"crossImage":"openim-it/golang"') : header
    println "cache archive: ${archive.length()} bytes"
    // cache-save made the directories and the archive as the user, who can replace and delete them.
    assert notOwnedByTestUser(home).isEmpty() : notOwnedByTestUser(home)

    // A clean engine (what a fresh CI runner has), then restore and build.
    def (exitClean, logClean) = mvn('clean', ['openim:clean'])
    assert exitClean == 0 : logClean
    assert objectsOf(project).values().every { it.isEmpty() } : objectsOf(project)
    long restoreStart = (System.currentTimeMillis() / 1000) as long
    def (exitWarm, logWarm) = mvn('restored', ['openim:cache-restore', 'openim:build', dirFlag])
    assert exitWarm == 0 : logWarm
    assertLog(logWarm, 'Restored /cache from ' + archive.name)
    assert shas() == cold : 'the restored build gives the same binaries'
    // The caches are the restored ones, owned by the build user (the host user), and used: the warm build
    // wrote next to nothing into Go's build cache (a cold one writes every package it compiles).
    def (exitOwner, logOwner) = mvn('owner', ['openim:run', '-Dopenim.copy.output=false',
            "-Dopenim.command=echo uid=\$(id -u) owners=\$(find /cache -not -user \$(id -u) | wc -l)".toString()
                    + " files=\$(find /cache/go-build -type f | wc -l)"
                    + " new=\$(find /cache/go-build -type f -newermt @${restoreStart} | wc -l)"])
    assert exitOwner == 0 : logOwner
    def counts = (logOwner =~ /uid=(\d+) owners=(\d+) files=(\d+) new=(\d+)/)
    assert counts.find() : logOwner
    println "after the restored build: ${counts.group(0)}"
    assert counts.group(1) == uid.toString() : 'the build runs as the user who ran Maven'
    assert counts.group(2) == '0' : 'every restored file belongs to the build user'
    assert (counts.group(3) as int) > 100
    assert (counts.group(4) as int) * 10 < (counts.group(3) as int) : 'the build used the restored cache'
    assert notOwnedByTestUser(basedir).isEmpty() : notOwnedByTestUser(basedir)
    assert archive.exists() && archives().size() == 1 : 'restore leaves the archives as they are'

    // An archive for another build image version is skipped, naming both; nothing is made for it.
    mvn('clean-2', ['openim:clean'])
    def (exitOther, logOther) = mvn('other-version', ['openim:cache-restore', dirFlag, '-Dopenim.build.image.version=2'])
    assert exitOther == 0 : logOther
    assertLog(logOther, 'it was made for build image version 1 with the cross image openim-it/golang:bookworm, '
            + 'and this build uses build image version 2 with the cross image openim-it/golang:bookworm')
    assert objectsOf(project).containers.isEmpty()

    // A truncated archive: one line naming it, then a cold and correct build.
    def whole = archive.bytes
    archive.bytes = Arrays.copyOf(whole, whole.length - 4096)
    def (exitCut, logCut) = mvn('truncated', ['openim:cache-restore', 'openim:build', dirFlag])
    assert exitCut == 0 : logCut
    def damaged = logCut.readLines().findAll { it.contains('Skipped the cache archive') }
    assert damaged.size() == 1 : logCut
    assert damaged[0].contains(archive.path) && damaged[0].contains('damaged or truncated')
    assert damaged[0].contains('/cache starts empty and the build runs cold')
    assert shas() == cold : 'the cold build after a damaged archive is correct'
    // Only the data container that the build made; its volumes, none left from the failed fill.
    def left = objectsOf(project)
    assert left.containers.collect { it.split(' ')[1] } == ['data'] : left
    assert left.volumes.size() == 2 : left.volumes

    // Ctrl-C while the volumes fill: the half-filled data container and its volumes go along.
    // A large incompressible file makes the restore last long enough to be interrupted.
    def (exitBig, logBig) = mvn('big', ['openim:run', '-Dopenim.copy.output=false',
            '-Dopenim.command=head -c 700000000 /dev/urandom > /cache/big.bin && echo big-written'])
    assert exitBig == 0 : logBig
    def (exitSaveBig, logSaveBig) = mvn('save-big', ['openim:cache-save', dirFlag])
    assert exitSaveBig == 0 : logSaveBig
    mvn('clean-big', ['openim:clean'])
    def maven = mvnBackground('interrupted', ['openim:cache-restore', dirFlag])
    // The line that starts the fill (it lasts seconds for 700 MB), not the progress a fast engine may not print.
    awaitLog('interrupted', 'Restoring /cache from ', maven, 300_000)
    assert sh(['kill', '-INT', maven.pid().toString()])[0] == 0
    assert maven.waitFor(90, java.util.concurrent.TimeUnit.SECONDS) : 'Maven did not stop after SIGINT'
    def logInterrupted = new File(basedir, 'interrupted.log').text
    assertLog(logInterrupted, 'Interrupted: removed the data container openim-build-data-')
    def afterInterrupt = objectsOf(project)
    assert afterInterrupt.containers.isEmpty() && afterInterrupt.volumes.isEmpty() : afterInterrupt

    // cache-save after a clean: no data container, one line, nothing written.
    mvn('clean-3', ['openim:clean'])
    def before = archive.bytes
    def (exitNone, logNone) = mvn('save-none', ['openim:cache-save', dirFlag])
    assert exitNone != 0
    assertLog(logNone, 'openim:cache-save found no data container')
    assert archive.bytes == before
    assert notOwnedByTestUser(home).isEmpty() && notOwnedByTestUser(basedir).isEmpty()
} finally {
    removeObjectsOf(project)
    home.deleteDir()
}
true
