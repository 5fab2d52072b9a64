package io.openim.maven.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openim.maven.OpenImException;
import org.junit.jupiter.api.Test;

class ImageReferenceTest {

    @Test
    void aFirstPartWithADotOrPortOrLocalhostIsTheRegistry() {
        assertEquals(
                new ImageReference("127.0.0.1:5000", "openim/openim-api-amd64", "1.0"),
                ImageReference.parse("127.0.0.1:5000/openim/openim-api-amd64:1.0"));
        assertEquals(
                new ImageReference("registry.example", "openim/api", "v3"),
                ImageReference.parse("registry.example/openim/api:v3"));
        assertEquals(new ImageReference("localhost", "api", "1"), ImageReference.parse("localhost/api:1"));
    }

    @Test
    void otherwiseDockerHubWithItsApiHostAndLibrary() {
        ImageReference hub = ImageReference.parse("openim/openim-api-amd64:1.0.0");
        assertEquals("docker.io", hub.registry());
        assertEquals("registry-1.docker.io", hub.apiHost());
        assertEquals("openim/openim-api-amd64", hub.repository());
        assertEquals("library/alpine", ImageReference.parse("alpine:3").repository());
    }

    @Test
    void aReferenceWithoutTagIsRefused() {
        OpenImException e = assertThrows(OpenImException.class, () -> ImageReference.parse("registry.example:5000/x"));
        assertTrue(e.getMessage().contains("has no tag"), e.getMessage());
    }

    @Test
    void tagsAndRepositoriesCanBeSwapped() {
        ImageReference ref = ImageReference.parse("r.example/o/a-amd64:1");
        assertEquals("r.example/o/a-amd64:latest", ref.withTag("latest").toString());
        assertEquals("r.example/o/a:1", ref.inRepository("o/a").toString());
    }
}
