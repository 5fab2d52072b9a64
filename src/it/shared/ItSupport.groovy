// Helpers shared by the integration tests' setup and verify scripts. Each test evaluates this
// file with its own binding (basedir, localRepositoryPath, exampleDir), so the closures below
// see that test's directories.
import java.security.MessageDigest
import java.util.concurrent.TimeUnit

// Runs a command, returns [exit, output]; never throws on a non-zero exit.
sh = { List<String> command, File dir = basedir, long timeoutSeconds = 600 ->
    def process = new ProcessBuilder(command).directory(dir).redirectErrorStream(true).start()
    def out = new StringBuilder()
    def reader = Thread.start { process.inputStream.eachLine { out.append(it).append('\n') } }
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly()
        throw new AssertionError("timed out: ${command}")
    }
    reader.join()
    [process.exitValue(), out.toString()]
}

docker = { String... args -> sh(['docker'] + args.toList()) }

// The output of a docker command that must succeed.
dockerOut = { String... args ->
    def (exit, out) = docker(args)
    assert exit == 0 : "docker ${args.join(' ')} failed:\n${out}"
    out.trim()
}

// The same against another engine (e.g. Podman's Docker API socket); null means the default one.
dockerOutAt = { String host, List<String> args ->
    def (exit, out) = sh(['docker'] + (host == null ? [] : ['-H', host]) + args)
    assert exit == 0 : "docker ${args.join(' ')} at ${host} failed:\n${out}"
    out.trim()
}

mavenHome = new File(System.getProperty('maven.home'))

// The invoker's settings point at the isolated repository; further runs need the same.
itSettings = new File(basedir, 'it-settings.xml')
itSettings.text = new File(itShared, '../settings.xml').text
        .replace('@localRepositoryUrl@', new File(localRepositoryPath.toString()).toURI().toString())

// ---- Running Maven as the test user -------------------------------------------------------
// The invoker runs every project's Maven as root (CI runs as root), and root hides the bugs an
// ordinary developer meets. scripts/docker-bootstrap.sh creates that developer: an account in the
// docker group whose uid the test images do not know. A test calls asTestUser() once (in setup
// and in verify); from then on mvn, mvnEnv, mvnOnline and mvnBackground run as that user.
testUser = System.getenv('OPENIM_IT_USER') ?: 'openim-it'
runAsTestUser = false

// The uid and gid of the test user, [uid, gid].
testUserIds = {
    def (e1, uid) = sh(['id', '-u', testUser])
    def (e2, gid) = sh(['id', '-g', testUser])
    assert e1 == 0 && e2 == 0 : "no test user ${testUser}: run scripts/docker-bootstrap.sh (the aa-engine setup does)"
    [uid.trim() as int, gid.trim() as int]
}

// Maven's home lies under /root, which the user cannot read: a world-readable copy, made once,
// atomically (checkouts on this machine may prepare it at the same moment).
testUserMavenHome = {
    def copy = new File("/var/tmp/openim-it-maven/${mavenHome.name}")
    if (!new File(copy, 'bin/mvn').exists()) {
        copy.parentFile.mkdirs()
        def partial = new File(copy.parentFile, "${mavenHome.name}.partial-${ProcessHandle.current().pid()}")
        [['cp', '-a', mavenHome.path, partial.path], ['chmod', '-R', 'a+rX', partial.path]].each {
            def (exit, out) = sh(it)
            assert exit == 0 : "${it}: ${out}"
        }
        if (!partial.renameTo(copy)) {
            sh(['rm', '-rf', partial.path])
            assert new File(copy, 'bin/mvn').exists() : "could not put Maven at ${copy}"
        }
    }
    copy
}

// The user's own local repository; what the invoker put in the root-owned test repository is
// read from there as a read-only tail (Maven 3.9's maven.repo.local.tail).
testUserRepository = { new File(basedir.parentFile.parentFile, "it-user-repos/${basedir.name}") }

// Gives the test's checkout to the test user and switches every further Maven run to them.
asTestUser = { ->
    testUserMavenHome()
    def repository = testUserRepository()
    repository.mkdirs()
    [['chown', '-R', "${testUser}:".toString(), basedir.path, repository.path],
     // The user must reach the checkout and its repository through the directories above them.
     ['chmod', 'a+x', basedir.parentFile.path, repository.parentFile.path]].each {
        def (exit, out) = sh(it)
        assert exit == 0 : "${it}: ${out}"
    }
    runAsTestUser = true
}

// A file the test itself writes into the user's checkout, owned by the user as if they wrote it.
writeAsTestUser = { File file, String text ->
    def created = []
    for (def dir = file.parentFile; dir != null && !dir.exists(); dir = dir.parentFile) {
        created << dir
    }
    file.parentFile.mkdirs()
    file.text = text
    if (runAsTestUser) {
        (created + [file]).each { sh(['chown', "${testUser}:".toString(), it.path]) }
    }
    file
}

// Paths below dir not owned by the test user (the tests' own logs and settings left out): what
// the plugin or the build wrote as someone else, which the user could not change or delete.
notOwnedByTestUser = { File dir ->
    def (uid, gid) = testUserIds()
    def root = dir.toPath()
    def found = []
    if (!dir.exists()) {
        return found
    }
    java.nio.file.Files.walk(root).withCloseable { stream ->
        stream.forEach { path ->
            def relative = root.relativize(path).toString()
            if (relative.endsWith('.log') || relative == 'it-settings.xml') {
                return
            }
            def owner = java.nio.file.Files.getAttribute(path, 'unix:uid', java.nio.file.LinkOption.NOFOLLOW_LINKS)
            def group = java.nio.file.Files.getAttribute(path, 'unix:gid', java.nio.file.LinkOption.NOFOLLOW_LINKS)
            if (owner != uid || group != gid) {
                found << "${relative ?: '.'} (${owner}:${group})".toString()
            }
        }
    }
    found
}

// The Maven command line for a further run of this test's project, offline against the
// isolated local repository the invoker already filled; as the test user after asTestUser().
mvnCommand = { File dir, List<String> args, boolean offline = true ->
    if (!runAsTestUser) {
        return [new File(mavenHome, 'bin/mvn').path, '-B'] + (offline ? ['-o'] : []) + ['-s', itSettings.path,
                "-Dmaven.repo.local=${localRepositoryPath}".toString()] + args
    }
    // setpriv execs Maven in its own place (runuser would fork, and forward a signal only to
    // kill the JVM 2 s later), so the process a test signals is Maven's JVM as before.
    ['setpriv', "--reuid=${testUser}".toString(), "--regid=${testUser}".toString(), '--init-groups',
     new File(testUserMavenHome(), 'bin/mvn').path, '-B'] + (offline ? ['-o'] : []) + ['-s', itSettings.path,
     "-Dmaven.repo.local=${testUserRepository()}".toString(),
     "-Dmaven.repo.local.tail=${localRepositoryPath}".toString()] + args
}

// A process builder for Maven in dir; as the test user it gets that user's environment, not root's.
mavenProcess = { File dir, List<String> args, Map<String, String> env = [:], boolean offline = true ->
    def builder = new ProcessBuilder(mvnCommand(dir, args, offline)).directory(dir).redirectErrorStream(true)
    if (runAsTestUser) {
        def keep = builder.environment().subMap(['PATH', 'LANG', 'LC_ALL', 'TERM', 'TZ', 'JAVA_HOME'])
        builder.environment().clear()
        builder.environment().putAll(keep)
        builder.environment().putAll([HOME: "/home/${testUser}".toString(), USER: testUser, LOGNAME: testUser,
                                      JAVA_HOME: System.getProperty('java.home')])
        // A developer's locale: file names beyond ASCII (a checkout in 'my checkout ü-日本').
        builder.environment().putIfAbsent('LANG', 'C.UTF-8')
    }
    builder.environment().putAll(env)
    builder
}

// Runs a Maven process to its end: [exit, output], the output also in the named log.
runMaven = { String logName, ProcessBuilder builder, long timeoutSeconds = 900 ->
    def process = builder.start()
    def out = new StringBuilder()
    def reader = Thread.start { process.inputStream.eachLine { out.append(it).append('\n') } }
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly()
        reader.join()
        new File(basedir, "${logName}.log").text = out.toString()
        throw new AssertionError("timed out: ${builder.command()}")
    }
    reader.join()
    new File(basedir, "${logName}.log").text = out.toString()
    [process.exitValue(), out.toString()]
}

// The same, online: for a first run that needs Maven's own plugins (deploy) in the test repository.
mvnOnline = { String logName, List<String> args, File dir = basedir ->
    runMaven(logName, mavenProcess(dir, args, [:], false))
}

// Runs Maven again in this test's project; writes the output to a named log and returns [exit, log text].
mvn = { String logName, List<String> args, File dir = basedir ->
    runMaven(logName, mavenProcess(dir, args))
}

// Starts Maven in the background; the caller waits on or signals the returned Process (Maven's JVM).
mvnBackground = { String logName, List<String> args, File dir = basedir ->
    mavenProcess(dir, args).redirectOutput(new File(basedir, "${logName}.log")).start()
}

sha256 = { File file ->
    MessageDigest.getInstance('SHA-256').digest(file.bytes).encodeHex().toString()
}

// Copies the bundled example (sources only) into a directory.
copyExample = { File target ->
    new File(exampleDir).eachFileRecurse { File file ->
        def relative = new File(exampleDir).toPath().relativize(file.toPath()).toString()
        if (relative == 'pom.xml' || relative.startsWith('_output') || relative.startsWith('target')) {
            return
        }
        def destination = new File(target, relative)
        if (file.isDirectory()) {
            destination.mkdirs()
        } else {
            destination.parentFile.mkdirs()
            destination.bytes = file.bytes
        }
    }
}

// Every engine object of one project, by the label the plugin puts on everything it creates.
objectsOf = { String project, String host = null ->
    def filter = "label=io.openim.project=${project}".toString()
    // Intermediate containers of an image build inherit the labels but have no role: skip them.
    [containers: dockerOutAt(host, ['ps', '-a', '--filter', filter, '--filter', 'label=io.openim.role', '--format',
            '{{.Names}} {{.Label "io.openim.role"}}']).readLines().findAll { it && it.split(' ').size() == 2 },
     images: dockerOutAt(host, ['images', '--filter', filter, '--format', '{{.Repository}}:{{.Tag}} {{.ID}}'])
            .readLines().findAll { it },
     volumes: dockerOutAt(host, ['volume', 'ls', '--filter', filter, '--format', '{{.Name}}']).readLines().findAll { it }]
}

// What the plugin labelled for any integration-test project ("io.openim.it:*") and is still in
// the engine, by kind: "name project" lines. Never a user's objects: only test projects match.
testProjectObjects = {
    def found = [:]
    def formats = ['ps -a': '{{.Names}} {{.Label "io.openim.project"}}', 'images': '{{.ID}}',
                   'volume ls': '{{.Name}} {{.Label "io.openim.project"}}']
    formats.each { kind, format ->
        def args = kind.split(' ').toList() + ['--filter', 'label=io.openim.managed=true', '--format', format]
        def lines = dockerOut(*args).readLines().findAll { it }
        if (kind == 'images') {
            // The image listing has no label placeholder; ask each image for its project.
            lines = lines.unique().collect { it + ' ' + dockerOut('image', 'inspect', '--format',
                    '{{index .Config.Labels "io.openim.project"}}', it) }
        }
        lines = lines.findAll { it.contains(' io.openim.it:') }
        if (lines) {
            found[kind] = lines
        }
    }
    found
}

// Removes every engine object of one project; tests call it last, pass or fail.
removeObjectsOf = { String project, String host = null ->
    def filter = "label=io.openim.project=${project}".toString()
    def at = host == null ? [] : ['-H', host]
    dockerOutAt(host, ['ps', '-aq', '--filter', filter]).readLines().findAll { it }.each { sh(['docker'] + at + ['rm', '-f', '-v', it]) }
    dockerOutAt(host, ['images', '-q', '--filter', filter]).readLines().findAll { it }.unique().each { sh(['docker'] + at + ['rmi', '-f', it]) }
    dockerOutAt(host, ['volume', 'ls', '-q', '--filter', filter]).readLines().findAll { it }.each { sh(['docker'] + at + ['volume', 'rm', '-f', it]) }
}

// Fails with the log's tail when an expected line is missing.
assertLog = { String log, String expected ->
    assert log.contains(expected) : "expected '${expected}' in the log; its tail:\n${log.readLines().takeRight(40).join('\n')}"
}

// The "openim timings" line of a log as a map, step -> milliseconds.
timings = { String log ->
    def line = log.readLines().find { it.contains('openim timings:') }
    assert line : 'no timings line in the log'
    line.substring(line.indexOf('openim timings:') + 15).trim().split(' ').collectEntries {
        def (step, ms) = it.split('=')
        [step, ms.replace('ms', '') as long]
    }
}

// A fingerprint of the user's files (tracked and untracked): path -> content hash, link target or
// "dir". What the plugin may write (_output), the tests' own logs and settings are left out.
snapshot = { File dir, List<String> skip = ['_output'] ->
    def root = dir.toPath()
    def result = new TreeMap<String, String>()
    java.nio.file.Files.walk(root).withCloseable { stream ->
        stream.forEach { path ->
            def relative = root.relativize(path).toString()
            if (relative.isEmpty() || skip.any { relative == it || relative.startsWith(it + '/') }
                    || relative.endsWith('.log') || relative == 'it-settings.xml' || relative.startsWith('.git/')) {
                return
            }
            if (java.nio.file.Files.isSymbolicLink(path)) {
                result[relative] = 'link:' + java.nio.file.Files.readSymbolicLink(path)
            } else if (java.nio.file.Files.isDirectory(path)) {
                result[relative] = 'dir'
            } else if (!java.nio.file.Files.isRegularFile(path)) {
                result[relative] = 'special'
            } else {
                result[relative] = MessageDigest.getInstance('SHA-256').digest(path.toFile().bytes).encodeHex().toString()
            }
        }
    }
    result
}

// Fails when a fingerprint changed, naming what differs.
assertUnchanged = { Map before, Map after, String what ->
    def changed = (before.keySet() + after.keySet()).findAll { before[it] != after[it] }
    assert changed.isEmpty() : "${what} changed the user's files: ${changed.collect { "${it}: ${before[it]} -> ${after[it]}" }}"
}

// Turns a directory into a git checkout with everything committed, so files are "tracked".
gitCommitAll = { File dir ->
    [['git', 'init', '-q'], ['git', 'add', '-A'],
     ['git', '-c', 'user.name=it', '-c', 'user.email=it@localhost', 'commit', '-q', '-m', 'sources']].each {
        def (exit, out) = sh(it, dir)
        assert exit == 0 : "${it}: ${out}"
    }
}

// Waits until the log file contains a line, or fails after the timeout with the log's tail.
awaitLog = { String logName, String expected, Process process = null, long timeoutMillis = 120_000 ->
    def file = new File(basedir, "${logName}.log")
    def deadline = System.currentTimeMillis() + timeoutMillis
    while (System.currentTimeMillis() < deadline) {
        if (file.exists() && file.text.contains(expected)) {
            return
        }
        if (process != null && !process.alive) {
            break
        }
        Thread.sleep(100)
    }
    assert false : "'${expected}' did not appear in ${logName}.log:\n${file.exists() ? file.text.readLines().takeRight(30).join('\n') : '(no log)'}"
}

// Waits until the command in the build container has printed `text` as a line of its own: the
// "Running `...`" line that names the command contains it too, before the command runs.
awaitOutput = { String logName, String text, Process process = null, long timeoutMillis = 120_000 ->
    awaitLog(logName, "\n[INFO] ${text}\n".toString(), process, timeoutMillis)
}

// The engine's label filter for one project, as the plugin writes it.
projectFilter = { String project -> "label=io.openim.project=${project}".toString() }

// The checkout hash the plugin logged (from a data container name), or null.
hashIn = { String log ->
    def m = log =~ /openim-(?:build-data|build|rsync)-([0-9a-f]{10})-/
    m.find() ? m.group(1) : null
}

// The binary a release archive holds at /usr/local/bin/NAME, by the archive's own manifest.json.
archivedBinarySha = { File archive, String name ->
    def manifest = new groovy.json.JsonSlurper().parseText(sh(['tar', '-xOf', archive.path, 'manifest.json'])[1])
    def layer = manifest[0].Layers[-1]
    def (exit, out) = sh(['sh', '-c', "tar -xOf '${archive.path}' '${layer}' | tar -xzOf - 'usr/local/bin/${name}' | sha256sum".toString()])
    assert exit == 0 : out
    out.trim().split(' ')[0]
}

// A free TCP port on loopback, for a test peer to listen on.
freePort = {
    def socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName('127.0.0.1'))
    def port = socket.localPort
    socket.close()
    port
}

// Starts Distribution's registry (Debian's docker-registry) on ADDRESS:PORT, optionally with an
// htpasswd file, optionally inside a network namespace; returns the process once /v2/ answers.
startRegistry = { String address, int port, File htpasswd = null, String netns = null ->
    def dir = new File(basedir, "registry-${address}-${port}")
    dir.mkdirs()
    def config = new File(dir, 'config.yml')
    config.text = """version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: ${dir.path}/data
http:
  addr: ${address}:${port}
""" + (htpasswd == null ? '' : """auth:
  htpasswd:
    realm: openim-it
    path: ${htpasswd.path}
""")
    def command = (netns == null ? [] : ['ip', 'netns', 'exec', netns]) + ['docker-registry', 'serve', config.path]
    def process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(new File(dir, 'registry.log')).start()
    def deadline = System.currentTimeMillis() + 20_000
    while (System.currentTimeMillis() < deadline) {
        try {
            def connection = new URL("http://${address}:${port}/v2/").openConnection()
            connection.connectTimeout = 500
            def status = connection.responseCode
            if (status == 200 || status == 401) {
                return process
            }
        } catch (IOException ignored) {
            // Not yet.
        }
        assert process.alive : new File(dir, 'registry.log').text
        Thread.sleep(100)
    }
    process.destroyForcibly()
    assert false : "the registry on ${address}:${port} did not answer: ${new File(dir, 'registry.log').text}"
}

// GET on a registry's API: [status, body]; with user:password when given.
registryGet = { String url, String credentials = null, String accept = null ->
    def connection = new URL(url).openConnection()
    if (credentials != null) {
        connection.setRequestProperty('Authorization', 'Basic ' + credentials.bytes.encodeBase64().toString())
    }
    if (accept != null) {
        connection.setRequestProperty('Accept', accept)
    }
    def status = connection.responseCode
    def stream = status < 400 ? connection.inputStream : connection.errorStream
    [status, stream == null ? '' : stream.text]
}

// Runs Maven again in this test's project with extra environment variables.
mvnEnv = { String logName, List<String> args, Map<String, String> env, File dir = basedir ->
    runMaven(logName, mavenProcess(dir, args, env))
}

// A network namespace of the test's own, joined to this machine by a veth pair: the host side is
// SUBNET.1, the namespace SUBNET.2 (e.g. '10.213.91'). Returns the namespace's address. Each test
// takes its own subnet, as tests run side by side. Remove it with removeNetns, in a finally.
makeNetns = { String name, String subnet ->
    def run = { List<String> command -> def (e, o) = sh(command); assert e == 0 : "${command}: ${o}"; o }
    // A run that was killed may have left its host side on this subnet (only ours: openim*).
    sh(['ip', '-o', 'addr', 'show'])[1].readLines().findAll { it.contains(" ${subnet}.1/") }.each { line ->
        def device = line.split(/\s+/)[1]
        if (device.startsWith('openim')) {
            sh(['ip', 'link', 'del', device])
        }
    }
    run(['ip', 'netns', 'add', name])
    run(['ip', 'link', 'add', "${name}h".toString(), 'type', 'veth', 'peer', 'name', "${name}n".toString()])
    run(['ip', 'link', 'set', "${name}n".toString(), 'netns', name])
    run(['ip', 'addr', 'add', "${subnet}.1/24".toString(), 'dev', "${name}h".toString()])
    run(['ip', 'link', 'set', "${name}h".toString(), 'up'])
    run(['ip', 'netns', 'exec', name, 'ip', 'addr', 'add', "${subnet}.2/24".toString(), 'dev', "${name}n".toString()])
    run(['ip', 'netns', 'exec', name, 'ip', 'link', 'set', "${name}n".toString(), 'up'])
    run(['ip', 'netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up'])
    "${subnet}.2".toString()
}

// Kills every process in the namespace and removes it (the veth pair goes with it).
removeNetns = { String name ->
    if (sh(['ip', 'netns', 'list'])[1].readLines().any { it.split(' ')[0] == name }) {
                sh(['ip', 'netns', 'pids', name])[1].readLines().findAll { it }.each { sh(['kill', '-9', it]) }
        sh(['ip', 'netns', 'del', name])
    }
    // Deleting the namespace takes its veth pair along, but not always at once.
    sh(['ip', 'link', 'del', "${name}h".toString()])
}
