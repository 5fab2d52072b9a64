package io.openim.maven.buildimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openim.maven.OpenImException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerfileTemplateTest {

    private static final Path DOCKERFILE = Path.of("build/build-image/Dockerfile");

    @Test
    void tokenIsReplacedByImageAndVersion() {
        String text = "FROM OPENIM_BUILD_IMAGE_CROSS_TAG\nRUN echo hi\n";
        DockerfileTemplate.Rendered rendered = DockerfileTemplate.render(DOCKERFILE, text, "golang", "1.21");
        assertEquals("FROM golang:1.21\nRUN echo hi\n", rendered.dockerfile());
        assertEquals(Map.of(), rendered.buildArgs());
    }

    @Test
    void tokenWithoutCrossImageIsAnErrorNamingCrossImage() {
        String text = "FROM OPENIM_BUILD_IMAGE_CROSS_TAG\n";
        OpenImException e =
                assertThrows(OpenImException.class, () -> DockerfileTemplate.render(DOCKERFILE, text, null, "1.21"));
        assertTrue(e.getMessage().contains("crossImage"), e.getMessage());
        assertTrue(e.getMessage().contains(DOCKERFILE.toString()), e.getMessage());
        assertThrows(OpenImException.class, () -> DockerfileTemplate.render(DOCKERFILE, text, "  ", "1.21"));
    }

    @Test
    void textWithoutTemplateIsLeftAlone() {
        String text = "FROM debian:bookworm\n";
        DockerfileTemplate.Rendered rendered = DockerfileTemplate.render(DOCKERFILE, text, null, null);
        assertEquals(text, rendered.dockerfile());
        assertEquals(Map.of(), rendered.buildArgs());
    }

    @Test
    void argFormBecomesBuildArgs() {
        String text =
                "ARG OPENIM_CROSS_IMAGE\nARG OPENIM_CROSS_VERSION\nFROM ${OPENIM_CROSS_IMAGE}:${OPENIM_CROSS_VERSION}\n";
        DockerfileTemplate.Rendered rendered = DockerfileTemplate.render(DOCKERFILE, text, "golang", "1.22");
        assertEquals(text, rendered.dockerfile());
        assertEquals(Map.of("OPENIM_CROSS_IMAGE", "golang", "OPENIM_CROSS_VERSION", "1.22"), rendered.buildArgs());
    }

    @Test
    void argWithoutDefaultAndWithoutValueIsAnError() {
        String text = "ARG OPENIM_CROSS_IMAGE=golang\nARG OPENIM_CROSS_VERSION\nFROM ${OPENIM_CROSS_IMAGE}\n";
        OpenImException e =
                assertThrows(OpenImException.class, () -> DockerfileTemplate.render(DOCKERFILE, text, null, null));
        assertTrue(e.getMessage().contains("OPENIM_CROSS_VERSION"), e.getMessage());
        assertTrue(e.getMessage().contains("crossVersion"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dopenim.cross.version"), e.getMessage());
    }

    @Test
    void argWithDefaultAndNoValueNeedsNoBuildArg() {
        String text = "ARG OPENIM_CROSS_IMAGE=golang\nARG OPENIM_CROSS_VERSION = 1.21\nFROM ${OPENIM_CROSS_IMAGE}\n";
        DockerfileTemplate.Rendered rendered = DockerfileTemplate.render(DOCKERFILE, text, null, " ");
        assertEquals(Map.of(), rendered.buildArgs());
        assertEquals(text, rendered.dockerfile());
    }

    @Test
    void valueOverridesAnArgDefault() {
        String text = "  ARG OPENIM_CROSS_IMAGE=golang\nFROM ${OPENIM_CROSS_IMAGE}\n";
        DockerfileTemplate.Rendered rendered = DockerfileTemplate.render(DOCKERFILE, text, "my/cross", null);
        assertEquals(Map.of("OPENIM_CROSS_IMAGE", "my/cross"), rendered.buildArgs());
    }

    @Test
    void anArgOfAnotherNameIsNotMistakenForTheCrossArg() {
        String text = "ARG OPENIM_CROSS_IMAGE_EXTRA\nFROM debian\n";
        DockerfileTemplate.Rendered rendered = DockerfileTemplate.render(DOCKERFILE, text, null, null);
        assertEquals(Map.of(), rendered.buildArgs());
    }

    @Test
    void crossReference() {
        assertEquals("golang:1.21", DockerfileTemplate.crossReference("golang", "1.21"));
        assertEquals("golang", DockerfileTemplate.crossReference("golang", " "));
        assertEquals("golang", DockerfileTemplate.crossReference("golang", null));
        assertNull(DockerfileTemplate.crossReference(null, "1.21"));
        assertNull(DockerfileTemplate.crossReference("", "1.21"));
    }
}
