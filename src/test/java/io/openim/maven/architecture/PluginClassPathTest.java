package io.openim.maven.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What Maven puts on the plugin's class path, read from the generated plugin descriptor: the
 * engine is reached through docker-java's httpclient5 transport, and JNA is not there (Unix sockets
 * go through the JDK's own channels on Java 16+).
 */
class PluginClassPathTest {

    private static List<String> dependencies() throws Exception {
        try (InputStream in = PluginClassPathTest.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
            assertNotNull(in, "the plugin descriptor is generated before the unit tests run");
            Document document =
                    DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
            NodeList nodes = document.getElementsByTagName("dependency");
            List<String> found = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                Element dependency = (Element) nodes.item(i);
                found.add(text(dependency, "groupId") + ":" + text(dependency, "artifactId"));
            }
            return found;
        }
    }

    private static String text(Element element, String tag) {
        return element.getElementsByTagName(tag).item(0).getTextContent().trim();
    }

    @Test
    void theEngineClientIsDockerJavaWithoutJna() throws Exception {
        List<String> dependencies = dependencies();
        assertTrue(dependencies.contains("com.github.docker-java:docker-java-core"), dependencies.toString());
        assertTrue(
                dependencies.contains("com.github.docker-java:docker-java-transport-httpclient5"),
                dependencies.toString());
        assertTrue(dependencies.contains("org.apache.httpcomponents.client5:httpclient5"), dependencies.toString());
        assertFalse(dependencies.stream().anyMatch(d -> d.startsWith("net.java.dev.jna:")), dependencies.toString());
    }
}
