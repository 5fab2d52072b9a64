package io.openim.maven.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The m2e metadata names every goal of the generated descriptor, and each with an ignore action:
 * an IDE's incremental build must never start containers. The invoker project ci-ide-metadata
 * checks the same in the installed jar.
 */
class LifecycleMappingMetadataTest {

    private static Document read(String resource) throws Exception {
        try (InputStream in = LifecycleMappingMetadataTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource + " is on the class path");
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }

    private static Set<String> texts(Document document, String tag) {
        Set<String> values = new TreeSet<>();
        NodeList nodes = document.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(nodes.item(i).getTextContent().trim());
        }
        return values;
    }

    @Test
    void everyGoalOfTheDescriptorIsIgnoredOnIncrementalBuilds() throws Exception {
        Document metadata = read("/META-INF/m2e/lifecycle-mapping-metadata.xml");
        Set<String> goals = new TreeSet<>();
        NodeList executions = metadata.getElementsByTagName("pluginExecution");
        for (int i = 0; i < executions.getLength(); i++) {
            Element execution = (Element) executions.item(i);
            Element action = (Element) execution.getElementsByTagName("action").item(0);
            NodeList named = execution.getElementsByTagName("goal");
            for (int j = 0; j < named.getLength(); j++) {
                String goal = named.item(j).getTextContent().trim();
                assertEquals(1, action.getElementsByTagName("ignore").getLength(), goal + " is ignored");
                assertEquals(0, action.getElementsByTagName("execute").getLength(), goal + " never executes");
                goals.add(goal);
            }
        }
        Document descriptor = read("/META-INF/maven/plugin.xml");
        Set<String> descriptorGoals = new TreeSet<>();
        NodeList mojos = descriptor.getElementsByTagName("mojo");
        for (int i = 0; i < mojos.getLength(); i++) {
            descriptorGoals.add(((Element) mojos.item(i))
                    .getElementsByTagName("goal")
                    .item(0)
                    .getTextContent()
                    .trim());
        }
        assertEquals(descriptorGoals, goals);
        assertEquals(Set.of(), texts(metadata, "runOnIncremental"));
    }
}
