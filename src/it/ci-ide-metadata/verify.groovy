// The plugin jar as users get it carries the m2e metadata, and it ignores every goal the jar's
// own descriptor lists (Eclipse m2e and VS Code Java then start no containers on a save).
// As root: it only reads the plugin jar; no engine, no checkout of the user's is involved.
import java.util.zip.ZipFile

def version = new File(projectDir, 'pom.xml').text.find(/<artifactId>openim-maven-plugin<\/artifactId>\s*<version>([^<]+)<\/version>/) { all, v -> v }
assert version
def jar = new File(localRepositoryPath.toString(), "io/openim/openim-maven-plugin/${version}/openim-maven-plugin-${version}.jar")
assert jar.isFile() : "the installed plugin jar ${jar}"
new ZipFile(jar).withCloseable { zip ->
    def metadataEntry = zip.getEntry('META-INF/m2e/lifecycle-mapping-metadata.xml')
    assert metadataEntry : 'the jar carries META-INF/m2e/lifecycle-mapping-metadata.xml'
    def metadata = new groovy.xml.XmlSlurper().parse(zip.getInputStream(metadataEntry))
    def descriptor = new groovy.xml.XmlSlurper().parse(zip.getInputStream(zip.getEntry('META-INF/maven/plugin.xml')))
    def ignored = [] as Set
    metadata.pluginExecutions.pluginExecution.each { execution ->
        assert execution.action.ignore.size() == 1 && execution.action.execute.size() == 0
        execution.pluginExecutionFilter.goals.goal.each { ignored << it.text().trim() }
    }
    def goals = descriptor.mojos.mojo.collect { it.goal.text().trim() } as Set
    assert goals.containsAll(['build', 'image', 'cache-save', 'cache-restore'])
    assert ignored == goals : "ignored ${ignored}, descriptor ${goals}"
}
true
