package io.openim.maven.clean;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openim.maven.OpenImException;
import io.openim.maven.process.OutputDirectory;
import io.openim.maven.util.RecordingConsole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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

    private OutputDirectory output(String name) {
        return new OutputDirectory(root.resolve(name));
    }

    @Test
    void deletesAnOutputDirectoryThePluginCreated() throws IOException {
        OutputDirectory output = output("_output");
        output.createDirectories(root.resolve("_output/dockerized/bin/linux/amd64"));
        Files.writeString(root.resolve("_output/dockerized/bin/linux/amd64/openim-api"), "binary");
        output.recordFile(root.resolve("_output/.openim.lock"));
        Files.writeString(root.resolve("_output/.openim.lock"), "pid 1");

        assertTrue(cleaner.mayClean(root, output));
        cleaner.remove(output);

        assertFalse(Files.exists(root.resolve("_output")));
        assertTrue(Files.exists(root.resolve("pom.xml")));
        assertTrue(console.infos.contains("Deleted " + root.resolve("_output")), console.infos.toString());
    }

    @Test
    void aDirectoryThePluginDidNotCreateKeepsEveryFile() throws IOException {
        Path internal = Files.createDirectories(root.resolve("internal/api"));
        Files.writeString(internal.resolve("server.go"), "package api");

        assertFalse(cleaner.mayClean(root, output("internal")));

        assertEquals("package api", Files.readString(internal.resolve("server.go")));
        assertTrue(console.warnings.get(0).contains("leaves " + root.resolve("internal") + " alone"));
        assertTrue(console.warnings.get(0).contains("'outDir'"), console.warnings.get(0));
    }

    @Test
    void whatThePluginWroteIntoAUsersDirectoryGoesAndTheRestStays() throws IOException {
        Path internal = Files.createDirectories(root.resolve("internal"));
        Files.writeString(internal.resolve("server.go"), "package internal");
        OutputDirectory output = output("internal");
        output.recordFile(internal.resolve(".openim.lock"));
        Files.writeString(internal.resolve(".openim.lock"), "pid 1");
        output.createDirectories(internal.resolve("images/build-image"));

        assertTrue(cleaner.mayClean(root, output));
        cleaner.remove(output);

        assertEquals("package internal", Files.readString(internal.resolve("server.go")));
        assertFalse(Files.exists(internal.resolve(".openim.lock")));
        assertFalse(Files.exists(internal.resolve("images")));
        assertFalse(Files.exists(internal.resolve(OutputDirectory.RECORD)));
        assertTrue(
                console.warnings.get(0).contains("left what it did not write: server.go"), console.warnings.toString());
    }

    @Test
    void filesTheUserAddedBesideThePluginsOutputStay() throws IOException {
        OutputDirectory output = output("_output");
        output.createDirectories(root.resolve("_output/dockerized"));
        Files.createDirectories(root.resolve("_output/bin"));
        Files.writeString(root.resolve("_output/bin/local-build"), "from make");

        assertTrue(cleaner.mayClean(root, output));
        cleaner.remove(output);

        assertFalse(Files.exists(root.resolve("_output/dockerized")));
        assertEquals("from make", Files.readString(root.resolve("_output/bin/local-build")));
    }

    @Test
    void aDirectoryWithFilesGitTracksIsRefusedWholly() throws Exception {
        git("init", "-q");
        Path internal = Files.createDirectories(root.resolve("internal"));
        Files.writeString(internal.resolve("server.go"), "package internal");
        git("add", "internal/server.go");
        OutputDirectory output = output("internal");
        output.createDirectories(internal.resolve("images"));

        OpenImException e = assertThrows(OpenImException.class, () -> cleaner.mayClean(root, output));
        assertTrue(e.getMessage().contains("git tracks files there (internal/server.go)"), e.getMessage());
        assertTrue(Files.exists(internal.resolve("images")), "nothing at all is deleted");
        assertTrue(Files.exists(internal.resolve(OutputDirectory.RECORD)));
    }

    @Test
    void missingOutputDirectoryIsFine() {
        assertTrue(cleaner.mayClean(root, output("_output")));
        assertDoesNotThrow(() -> cleaner.remove(output("_output")));
        assertTrue(Files.exists(root));
    }

    @Test
    void doesNotFollowALinkInsideTheOutputDirectory() throws IOException {
        Path outside = Files.createDirectories(temp.resolve("precious"));
        Files.writeString(outside.resolve("data.txt"), "do not delete");
        OutputDirectory output = output("_output");
        Path bin = output.createDirectories(root.resolve("_output/dockerized"));
        Files.createSymbolicLink(bin.resolve("link-to-precious"), outside);
        Files.createSymbolicLink(bin.resolve("link-to-file"), outside.resolve("data.txt"));

        assertTrue(cleaner.mayClean(root, output));
        cleaner.remove(output);

        assertFalse(Files.exists(root.resolve("_output"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("do not delete", Files.readString(outside.resolve("data.txt")));
    }

    @Test
    void aRecordEditedToPointOutsideIsNotFollowed() throws IOException {
        Path outside = Files.createDirectories(temp.resolve("precious"));
        Files.writeString(outside.resolve("data.txt"), "do not delete");
        OutputDirectory output = output("_output");
        output.createDirectories(root.resolve("_output/dockerized"));
        Files.writeString(
                root.resolve("_output").resolve(OutputDirectory.RECORD),
                "../../precious\n",
                java.nio.file.StandardOpenOption.APPEND);

        assertTrue(cleaner.mayClean(root, output));
        cleaner.remove(output);

        assertTrue(Files.exists(outside.resolve("data.txt")));
    }

    private void git(String... args) throws Exception {
        String[] command = new String[args.length + 3];
        command[0] = "git";
        command[1] = "-C";
        command[2] = root.toString();
        System.arraycopy(args, 0, command, 3, args.length);
        Process process = new ProcessBuilder(command).inheritIO().start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0, String.join(" ", command));
    }
}
