package io.openim.maven.naming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openim.maven.OpenImException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildImageVersionTest {

    @TempDir
    Path temp;

    private Path dockerfile(String version) throws IOException {
        Path dir = Files.createDirectories(temp.resolve("build/build-image"));
        Files.write(dir.resolve("VERSION"), version.getBytes(StandardCharsets.UTF_8));
        return dir.resolve("Dockerfile");
    }

    @Test
    void aVersionFileSavedWithAByteOrderMarkAndWindowsLineEndsReadsAsItsText() throws IOException {
        assertEquals("2", BuildImageVersion.resolve(null, dockerfile("\uFEFF2\r\n")));
    }

    @Test
    void anInvisibleCharacterIsNamedEscapedWithTheFile() throws IOException {
        Path dockerfile = dockerfile("2\u200b\n");
        OpenImException e = assertThrows(OpenImException.class, () -> BuildImageVersion.resolve(null, dockerfile));
        assertTrue(
                e.getMessage()
                        .startsWith("The file " + dockerfile.resolveSibling("VERSION")
                                + " holds an invisible character \\u200b (zero width space)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("'buildImageVersion'"), e.getMessage());
        assertFalse(e.getMessage().contains("\u200b"), "not printed raw: " + e.getMessage());
    }

    @Test
    void aVersionThatCannotBeATagIsShownEscapedToo() {
        OpenImException e =
                assertThrows(OpenImException.class, () -> BuildImageVersion.resolve("1\u00a02", temp.resolve("x")));
        assertTrue(e.getMessage().contains("'1\\u00a02' cannot be part of an image tag"), e.getMessage());
    }
}
