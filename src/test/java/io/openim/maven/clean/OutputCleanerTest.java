package io.openim.maven.clean;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openim.maven.OpenImException;
import io.openim.maven.util.RecordingConsole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputCleanerTest {

    @TempDir
    Path temp;

    private Path root;
    private final RecordingConsole console = new RecordingConsole();
    private final OutputCleaner cleaner = new OutputCleaner(console);

    @BeforeEach
    void createProject() throws IOException {
        root = Files.createDirectories(temp.resolve("project"));
        Files.writeString(root.resolve("pom.xml"), "<project/>");
    }

    @Test
    void refusesTheProjectRootItself() {
        OpenImException e = assertThrows(OpenImException.class, () -> cleaner.remove(root, root));
        assertTrue(e.getMessage().contains("outDir"), e.getMessage());
        assertThrows(OpenImException.class, () -> cleaner.remove(root, root.resolve("sub/..")));
        assertTrue(Files.exists(root.resolve("pom.xml")));
    }

    @Test
    void refusesADirectoryOutsideTheProject() throws IOException {
        Path outside = Files.createDirectories(temp.resolve("elsewhere"));
        Files.writeString(outside.resolve("keep.txt"), "keep");

        assertThrows(OpenImException.class, () -> cleaner.remove(root, outside));
        assertThrows(OpenImException.class, () -> cleaner.remove(root, root.resolve("../elsewhere")));
        assertThrows(OpenImException.class, () -> cleaner.remove(root, temp));
        assertTrue(Files.exists(outside.resolve("keep.txt")));
    }

    @Test
    void refusesASiblingWhoseNameStartsLikeTheProject() throws IOException {
        Path sibling = Files.createDirectories(temp.resolve("project-other/_output"));
        assertThrows(OpenImException.class, () -> cleaner.remove(root, sibling));
        assertTrue(Files.exists(sibling));
    }

    @Test
    void deletesTheOutputDirectoryInsideTheProject() throws IOException {
        Path out = Files.createDirectories(root.resolve("_output/dockerized/bin/linux/amd64"));
        Files.writeString(out.resolve("openim-api"), "binary");
        Files.writeString(root.resolve("_output/top.txt"), "x");

        cleaner.remove(root, root.resolve("_output"));

        assertFalse(Files.exists(root.resolve("_output")));
        assertTrue(Files.exists(root.resolve("pom.xml")));
    }

    @Test
    void relativeOutDirIsResolvedLikeTheProject() throws IOException {
        Path out = Files.createDirectories(root.resolve("_output"));
        Files.writeString(out.resolve("f"), "x");
        cleaner.remove(root, root.resolve("./_output/"));
        assertFalse(Files.exists(out));
    }

    @Test
    void missingOutputDirectoryIsFine() {
        assertDoesNotThrow(() -> cleaner.remove(root, root.resolve("_output")));
        assertTrue(Files.exists(root));
    }

    @Test
    void doesNotFollowALinkInsideTheOutputDirectory() throws IOException {
        Path outside = Files.createDirectories(temp.resolve("precious"));
        Files.writeString(outside.resolve("data.txt"), "do not delete");
        Path out = Files.createDirectories(root.resolve("_output"));
        Files.createSymbolicLink(out.resolve("link-to-precious"), outside);
        Files.createSymbolicLink(out.resolve("link-to-file"), outside.resolve("data.txt"));

        cleaner.remove(root, out);

        assertFalse(Files.exists(out, LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(outside.resolve("data.txt")));
        assertEquals("do not delete", Files.readString(outside.resolve("data.txt")));
    }

    @Test
    void outDirThatIsItselfALinkLosesOnlyTheLink() throws IOException {
        Path outside = Files.createDirectories(temp.resolve("precious"));
        Files.writeString(outside.resolve("data.txt"), "do not delete");
        Path out = Files.createSymbolicLink(root.resolve("_output"), outside);

        cleaner.remove(root, out);

        assertFalse(Files.exists(out, LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(outside.resolve("data.txt")));
    }
}
