package io.openim.maven.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openim.maven.containers.RsyncEndpoint;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RsyncClientTest {

    private static final Path PASSWORD = Path.of("/tmp/openim-rsync-123.pass");
    private static final RsyncEndpoint ENDPOINT =
            new RsyncEndpoint("container-1", "127.0.0.1", 40123, "openim", "workspace", PASSWORD);
    private static final Path SOURCE = Path.of("/home/me/openim");

    private static List<String> syncIn(boolean syncGit, List<String> excludes, int compress, boolean verbose) {
        return RsyncClient.syncInArguments(
                ENDPOINT, new RsyncClient.SyncInOptions(SOURCE, excludes, syncGit, compress));
    }

    @Test
    void syncInDeletesAndEndsWithSourceThenModuleRoot() {
        List<String> args = syncIn(true, List.of(), 0, false);
        assertTrue(args.contains("--archive"), args.toString());
        assertTrue(args.containsAll(List.of("--no-owner", "--no-group")), "owners are the receiver's: " + args);
        assertTrue(args.contains("--delete"), args.toString());
        assertTrue(args.contains("--stats"), args.toString());
        assertEquals("/home/me/openim/", args.get(args.size() - 2));
        assertEquals("rsync://openim@127.0.0.1:40123/workspace/", args.get(args.size() - 1));
    }

    @Test
    void syncInLeavesResultsAndTempAlone() {
        List<String> args = syncIn(true, List.of(), 0, false);
        assertTrue(args.contains("--filter=- /_output"), args.toString());
        assertTrue(args.contains("--filter=- /_tmp"), args.toString());
        assertFalse(args.stream().anyMatch(a -> a.contains(".git")), "git is synced by default: " + args);
    }

    @Test
    void syncInExcludesGitOnlyWhenAsked() {
        assertTrue(syncIn(false, List.of(), 0, false).contains("--filter=- /.git/"));
        assertFalse(syncIn(true, List.of(), 0, false).contains("--filter=- /.git/"));
    }

    @Test
    void userExcludesBecomeFiltersBeforeThePaths() {
        List<String> args = syncIn(true, List.of("*.o", "/vendor/"), 0, false);
        int objects = args.indexOf("--filter=- *.o");
        int vendor = args.indexOf("--filter=- /vendor/");
        assertTrue(objects >= 0 && vendor > objects, args.toString());
        assertTrue(vendor < args.size() - 2, "filters come before source and destination: " + args);
    }

    @Test
    void passwordFileIsPassed() {
        assertTrue(syncIn(true, List.of(), 0, false).contains("--password-file=" + PASSWORD));
        assertTrue(RsyncClient.copyOutArguments(
                        ENDPOINT, Path.of("/home/me/openim/_output/dockerized"), "_output/dockerized")
                .contains("--password-file=" + PASSWORD));
    }

    @Test
    void compressionOnlyWhenALevelIsSet() {
        List<String> plain = syncIn(true, List.of(), 0, false);
        assertFalse(plain.stream().anyMatch(a -> a.startsWith("--compress")), plain.toString());
        List<String> compressed = syncIn(true, List.of(), 6, false);
        assertTrue(compressed.contains("--compress"), compressed.toString());
        assertTrue(compressed.contains("--compress-level=6"), compressed.toString());
    }

    @Test
    void changesAreAlwaysItemisedSoDeletionsAreCounted() {
        assertTrue(syncIn(true, List.of(), 0, true).contains("--itemize-changes"));
        assertTrue(syncIn(true, List.of(), 0, false).contains("--itemize-changes"));
        assertTrue(RsyncClient.copyOutArguments(ENDPOINT, Path.of("/t"), "out").contains("--itemize-changes"));
    }

    @Test
    void copyOutKeepsEarlierResultsAndDropsUnsafeLinks() {
        Path target = Path.of("/home/me/openim/_output/dockerized");
        List<String> args = RsyncClient.copyOutArguments(ENDPOINT, target, "_output/dockerized");
        assertFalse(args.stream().anyMatch(a -> a.startsWith("--delete")), args.toString());
        assertTrue(args.contains("--safe-links"), args.toString());
        // rsync names the links --safe-links leaves out only when verbose.
        assertTrue(args.contains("--verbose"), args.toString());
        assertTrue(args.contains("--archive"), args.toString());
        assertTrue(args.containsAll(List.of("--no-owner", "--no-group")), "owners are the receiver's: " + args);
        assertTrue(args.contains("--stats"), args.toString());
        String url = args.get(args.size() - 2);
        assertEquals("rsync://openim@127.0.0.1:40123/workspace/_output/dockerized/", url);
        assertTrue(url.endsWith("_output/dockerized/"), url);
        assertEquals("/home/me/openim/_output/dockerized/", args.get(args.size() - 1));
    }

    @Test
    void endpointUrlNormalisesTheSubPath() {
        assertEquals("rsync://openim@127.0.0.1:40123/workspace/", ENDPOINT.url(null));
        assertEquals("rsync://openim@127.0.0.1:40123/workspace/a/b/", ENDPOINT.url("//a/b"));
        assertEquals("rsync://openim@127.0.0.1:40123/workspace/a/b/", ENDPOINT.url("a/b/"));
    }
}
