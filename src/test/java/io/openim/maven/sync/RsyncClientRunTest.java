package io.openim.maven.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openim.maven.OpenImException;
import io.openim.maven.containers.RsyncEndpoint;
import io.openim.maven.process.OutputDirectory;
import io.openim.maven.process.ShutdownCleanup;
import io.openim.maven.util.RecordingConsole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the client reads a finished rsync, with a stand-in program that prints and exits like rsync. */
class RsyncClientRunTest {

    @TempDir
    Path temp;

    private final RecordingConsole console = new RecordingConsole();

    private TransferStats copyOut(String output, int exit) throws IOException {
        Path fake = temp.resolve("fake-rsync");
        Files.writeString(fake, "#!/bin/sh\ncat <<'EOF'\n" + output + "\nEOF\nexit " + exit + "\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        RsyncEndpoint endpoint =
                new RsyncEndpoint("c", "127.0.0.1", 1, "openim", "workspace", temp.resolve("password"));
        try (ShutdownCleanup cleanup = new ShutdownCleanup(console)) {
            return new RsyncClient(console, cleanup, fake.toString())
                    .copyOut(endpoint, temp, "_output/dockerized", new OutputDirectory(temp.resolve("_output")));
        }
    }

    @Test
    void aMissingResultDirectoryIsNothingToCopy() throws IOException {
        TransferStats stats = copyOut(
                "rsync: [sender] change_dir \"/_output/dockerized\" (in workspace) failed:"
                        + " No such file or directory (2)\nrsync error: some files/attrs were not transferred (code 23)",
                23);
        assertEquals(TransferStats.NONE, stats);
        assertTrue(console.infos.get(0).startsWith("Nothing to copy out: _output/dockerized does not exist"));
    }

    @Test
    void otherPartialTransfersStillFail() {
        OpenImException e = assertThrows(
                OpenImException.class, () -> copyOut("rsync: read errors mapping \"/x\": Input/output error (5)", 23));
        assertTrue(e.getMessage().contains("failed with exit code 23"), e.getMessage());
    }

    @Test
    void aFullDiskNamesTheTargetAndTheSettings() {
        OpenImException e = assertThrows(
                OpenImException.class,
                () -> copyOut("rsync: [receiver] write failed on \"x\": No space left on device (28)", 11));
        assertTrue(
                e.getMessage().contains("The disk holding " + temp.resolve("_output/dockerized") + " is full"),
                e.getMessage());
        assertTrue(e.getMessage().contains("'outputSubpath'"), e.getMessage());
    }

    @Test
    void eachLinkLeftOutOfTheCopyIsNamedInAWarning() throws IOException {
        copyOut(
                "receiving incremental file list\n"
                        + "ignoring unsafe symlink \"bin/abs\" -> \"/etc/passwd\"\n"
                        + "ignoring unsafe symlink \"bin/up\" -> \"../../../go.mod\"\n"
                        + "cL+++++++++ bin/latest -> linux/amd64/app\n"
                        + "Number of regular files transferred: 0",
                0);
        assertEquals(2, console.warnings.size(), console.warnings.toString());
        assertEquals(
                "Not copied out: the symbolic link _output/dockerized/bin/abs -> /etc/passwd points out of"
                        + " _output/dockerized (only links that stay inside it are copied; nothing is followed)",
                console.warnings.get(0));
        assertTrue(console.warnings.get(1).contains("bin/up -> ../../../go.mod"), console.warnings.toString());
    }

    @Test
    void aUserTheImageDoesNotKnowNamesTheSettingInOneLine() {
        OpenImException e = assertThrows(
                OpenImException.class,
                () -> copyOut(
                        "@ERROR: invalid uid nosuchuser\nrsync error: error starting client-server protocol (code 5)",
                        5));
        assertEquals(
                "The rsync container's image does not know the user 'nosuchuser'. Fix 'buildUser'"
                        + " (-Dopenim.build.user, OPENIM_BUILD_USER): use uid:gid numbers, e.g. 1000:1000, or a user"
                        + " and group the image defines.",
                e.getMessage());
    }
}
