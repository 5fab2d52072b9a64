// The plugin's `release` profile, as the release workflow runs it on a tag, with a throwaway GPG
// key from the environment: deployed to a file repository instead of the Central Portal
// (-DskipPublishing=true still runs the publishing plugin, with a dummy token), then every
// signature verified with gpg. Nothing of the key is left in the project or the repository.
// As root: it builds and signs the plugin itself, as the project's release workflow does; no engine.
evaluate(new File(itShared, 'ItSupport.groovy'))

def run = { List<String> command, Map<String, String> env = [:], File dir = basedir ->
    def builder = new ProcessBuilder(command).directory(dir).redirectErrorStream(true)
    builder.environment().putAll(env)
    def process = builder.start()
    def out = process.inputStream.text
    process.waitFor()
    [process.exitValue(), out]
}
if (!new File('/usr/bin/gpg').exists()) {
    // A fresh machine may lack it; Debian's package is the ordinary gpg.
    def (updated, updateLog) = run(['apt-get', 'update', '-qq'])
    def (installed, installLog) = run(['apt-get', 'install', '-y', '-qq', 'gnupg'], [DEBIAN_FRONTEND: 'noninteractive'])
    assert installed == 0 : "gnupg could not be installed:\n${updateLog}\n${installLog}"
}

def home = new File(basedir, 'gnupg')
home.mkdirs()
run(['chmod', '700', home.path])
def gpgEnv = [GNUPGHOME: home.path]
def gpg = { List<String> args -> run(['gpg', '--batch', '--pinentry-mode', 'loopback'] + args, gpgEnv) }
def version = '0.0.0-release-it'
def copy = new File(basedir, 'plugin')
def repo = new File(basedir, 'file-repo')
def passphrase = UUID.randomUUID().toString()
try {
    def (genExit, genLog) = gpg(['--passphrase', passphrase, '--quick-gen-key',
                                 'openim release test <release-test@localhost>', 'rsa2048', 'sign', '1d'])
    assert genExit == 0 : genLog
    def (keyExit, key) = gpg(['--passphrase', passphrase, '--armor', '--export-secret-keys'])
    assert keyExit == 0 && key.contains('BEGIN PGP PRIVATE KEY BLOCK') : key

    // The plugin's sources as a tag has them, with the version the workflow sets from the tag.
    ['pom.xml', 'LICENSE', '.mvn/jvm.config'].each {
        def target = new File(copy, it)
        target.parentFile.mkdirs()
        target.bytes = new File(projectDir, it).bytes
    }
    def sources = new File(projectDir, 'src/main').toPath()
    java.nio.file.Files.walk(sources).withCloseable { paths ->
        paths.filter { java.nio.file.Files.isRegularFile(it) }.forEach { path ->
            def target = new File(copy, 'src/main/' + sources.relativize(path))
            target.parentFile.mkdirs()
            target.bytes = path.toFile().bytes
        }
    }
    def pom = new File(copy, 'pom.xml')
    pom.text = pom.text.replaceFirst('<version>[^<]+</version>', "<version>${version}</version>")
    def settings = new File(basedir, 'release-settings.xml')
    settings.text = '''<settings><servers><server><id>central</id><username>release-test</username>
<password>not-a-token</password></server></servers></settings>'''

    def (exit, log) = run([new File(mavenHome, 'bin/mvn').path, '-B', '-s', settings.path, '-Prelease', 'deploy',
                           '-Dmaven.test.skip=true', '-DskipITs', '-Dmaven.deploy.skip=false',
                           "-DaltDeploymentRepository=it::${repo.toURI()}".toString(), '-DskipPublishing=true'],
                          [MAVEN_GPG_KEY: key, MAVEN_GPG_PASSPHRASE: passphrase], copy)
    new File(basedir, 'release.log').text = log
    assert exit == 0 : log.readLines().takeRight(40).join('\n')
    assertLog(log, 'Skipping Central Release Publishing for artifact')

    def deployed = new File(repo, "io/openim/openim-maven-plugin/${version}")
    def base = "openim-maven-plugin-${version}"
    def artifacts = ["${base}.jar", "${base}-sources.jar", "${base}-javadoc.jar", "${base}.pom"]*.toString()
    artifacts.each { name ->
        def file = new File(deployed, name)
        def signature = new File(deployed, name + '.asc')
        assert file.isFile() : "${name} deployed: ${deployed.list()}"
        assert signature.isFile() : "${name} signed"
        def (verified, verifyLog) = gpg(['--verify', signature.path, file.path])
        assert verified == 0 && verifyLog.contains('Good signature from "openim release test') : verifyLog
    }
    // The check can fail: a changed byte breaks the jar's signature.
    def tampered = new File(basedir, 'tampered.jar')
    tampered.bytes = new File(deployed, "${base}.jar").bytes
    def bytes = tampered.bytes
    bytes[bytes.length - 30] = (byte) (bytes[bytes.length - 30] ^ 0x01)
    tampered.bytes = bytes
    assert gpg(['--verify', new File(deployed, "${base}.jar.asc").path, tampered.path])[0] != 0

    def listing = { String name -> sh(['unzip', '-l', new File(deployed, name).path])[1] }
    assert listing("${base}-sources.jar").contains('io/openim/maven/cache/CacheSaver.java')
    assert listing("${base}-javadoc.jar").contains('index.html')
    assert listing("${base}.jar").contains('META-INF/m2e/lifecycle-mapping-metadata.xml')
    def model = new groovy.xml.XmlSlurper().parse(new File(deployed, "${base}.pom"))
    assert model.name.text() && model.description.text() && model.url.text()
    assert model.licenses.license.name.text() == 'Apache-2.0'
    assert model.developers.developer.name.text()
    assert model.scm.connection.text().startsWith('scm:git:') && model.scm.url.text()
    // The key never lands anywhere the build writes.
    [copy, repo].each { dir ->
        dir.eachFileRecurse { file ->
            if (file.isFile() && file.length() < 50_000_000) {
                def text = file.getText('ISO-8859-1')
                assert !text.contains('BEGIN PGP PRIVATE KEY') && !text.contains(passphrase) : "key material in ${file}"
            }
        }
    }
} finally {
    // gpg started an agent for this home: it must not outlive the test.
    run(['gpgconf', '--homedir', home.path, '--kill', 'gpg-agent'], gpgEnv)
}
true
