// openim:build-image: templated Dockerfile, labels, up-to-date skip, version bump clears state.
// As the test user: the context the plugin renders in _output is theirs.
evaluate(new File(itShared, 'ItSupport.groovy'))
asTestUser()
def project = 'io.openim.it:build-image-lifecycle'
def goal = { String name -> "openim:${name}".toString() }
def otherHashContainer = null
try {
    def (exit1, log) = mvn('first', [goal('build-image')])
    assert exit1 == 0 : log
    assertLog(log, 'Building build image openim-build:build-')
    assertLog(log, 'RUN echo "$GREETING from the build image"')

    def images = objectsOf(project).images
    assert images.size() == 1 : images
    def (reference, firstId) = images[0].split(' ')
    assert reference ==~ /openim-build:build-[0-9a-f]{10}-1/
    def hash = (reference =~ /build-([0-9a-f]{10})-1/)[0][1]
    def labels = dockerOut('image', 'inspect', '--format', '{{json .Config.Labels}}', reference)
    ['"io.openim.hash":"' + hash + '"', '"io.openim.version":"1"', '"io.openim.role":"build-image"',
     '"io.openim.project":"' + project + '"', '"io.openim.context-digest":'].each { assert labels.contains(it) : labels }
    assert dockerOut('run', '--rm', '--network', 'none', reference, 'cat', '/etc/openim-greeting') == 'hello from the build image'
    assert new File(basedir, '_output/images/build-image/notes.txt').text.trim() == 'context file'
    assert new File(basedir, '_output/images/build-image/Dockerfile').text.startsWith('FROM openim-it/debian:bookworm')
    assert notOwnedByTestUser(basedir).isEmpty() : notOwnedByTestUser(basedir)

    // Unchanged context: nothing is built, the image is the same.
    def (exit2, log2) = mvn('second', [goal('build-image')])
    assert exit2 == 0 : log2
    assertLog(log2, "Build image ${reference} is up to date")
    assert !log2.contains('Step 1/')
    assert objectsOf(project).images == images

    // Sync creates version 1's data container and volumes, so the bump has state to clear.
    def (exit3, log3) = mvn('sync', [goal('sync')])
    assert exit3 == 0 : log3
    assert objectsOf(project).containers.any { it.endsWith(' data') }
    assert objectsOf(project).volumes.size() == 2

    // An rsync image without rsync: an error that says so and how to fix it; no rsync container stays.
    def stripped = dockerOut('run', '-d', '--network', 'none', 'openim-it/debian:bookworm', 'rm', '/usr/bin/rsync')
    docker('wait', stripped)
    dockerOut('commit', '--change', "LABEL io.openim.project=${project}".toString(), stripped, 'openim-it/no-rsync:1')
    docker('rm', '-f', stripped)
    def (exitNoRsync, logNoRsync) = mvn('no-rsync', [goal('sync'), '-Dopenim.rsync.image=openim-it/no-rsync:1'])
    docker('rmi', '-f', 'openim-it/no-rsync:1')
    assert exitNoRsync != 0
    assertLog(logNoRsync, 'The rsync image openim-it/no-rsync:1 has no usable rsync')
    assertLog(logNoRsync, 'apt-get install -y rsync')
    assert !objectsOf(project).containers.any { it.endsWith(' rsync') }

    // Another checkout's object (another hash) must survive the bump.
    otherHashContainer = dockerOut('create', '--label', 'io.openim.hash=ffffffffff', '--label', 'io.openim.version=1',
            '--label', "io.openim.project=${project}".toString(), '--label', 'io.openim.role=data', 'openim-it/debian:bookworm', 'true')

    def (exit4, log4) = mvn('bump', [goal('build-image'), '-Dopenim.build.image.version=2'])
    assert exit4 == 0 : log4
    assertLog(log4, "Building build image openim-build:build-${hash}-2")
    def after = objectsOf(project)
    assert after.images.collect { it.split(' ')[0] } == ["openim-build:build-${hash}-2".toString()]
    assert !after.containers.any { it.contains("-${hash}-1") } : after.containers
    assert after.volumes.isEmpty() : after.volumes
    assert dockerOut('ps', '-a', '--filter', 'label=io.openim.hash=ffffffffff', '--format', '{{.ID}}').startsWith(otherHashContainer.take(12))
    // No dangling images: the bump removed version 1 rather than orphaning it.
    assert dockerOut('images', '-q', '--filter', 'dangling=true', '--filter', "label=io.openim.project=${project}".toString()) == ''
} finally {
    if (otherHashContainer) {
        docker('rm', '-f', otherHashContainer)
    }
    removeObjectsOf(project)
}
assert objectsOf(project).values().every { it.isEmpty() }
true
