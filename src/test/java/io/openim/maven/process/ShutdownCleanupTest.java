package io.openim.maven.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openim.maven.util.RecordingConsole;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShutdownCleanupTest {

    @Test
    void undoesWhatIsStillRegisteredNewestFirstAndSaysWhat() {
        RecordingConsole console = new RecordingConsole();
        List<String> undone = new ArrayList<>();
        try (ShutdownCleanup cleanup = new ShutdownCleanup(console)) {
            cleanup.register("container a", () -> undone.add("a"));
            ShutdownCleanup.Registration done = cleanup.register("container b", () -> undone.add("b"));
            cleanup.register("file c", () -> undone.add("c"));
            cleanup.register("container d", () -> {
                throw new IllegalStateException("engine gone");
            });
            done.close();
            cleanup.undoAll();
            assertTrue(cleanup.interrupted());
        }
        assertEquals(List.of("c", "a"), undone, "b was removed by its owner; d failed");
        assertEquals(
                List.of(
                        "Interrupted: could not remove container d: engine gone",
                        "Interrupted: removed file c, container a; what could not be removed is named above"),
                console.warnings);
    }

    @Test
    void oneLineSaysWhatWasInterruptedWhatWentAndWhatStays() {
        RecordingConsole console = new RecordingConsole();
        try (ShutdownCleanup cleanup = new ShutdownCleanup(console, "openim:run")) {
            cleanup.register("container openim-rsync-h-1", () -> {});
            cleanup.registerProcess("rsync (sync in)", () -> {});
            cleanup.register("container openim-build-h-1", () -> {});
            cleanup.keeps("the data container openim-build-data-h-1");
            cleanup.keeps("the data container openim-build-data-h-1");
            cleanup.during("sync in");
            cleanup.undoAll();
        }
        assertEquals(
                List.of("Interrupted: removed container openim-build-h-1, container openim-rsync-h-1; stopped rsync"
                        + " (sync in); openim:run was stopped during sync in; nothing else was left behind (the data"
                        + " container openim-build-data-h-1 stays for the next build)"),
                console.warnings);
    }

    @Test
    void aStopWithNothingToUndoStillSaysSo() {
        RecordingConsole console = new RecordingConsole();
        try (ShutdownCleanup cleanup = new ShutdownCleanup(console, "openim:clean")) {
            cleanup.undoAll();
        }
        assertEquals(List.of("Interrupted: openim:clean was stopped; nothing else was left behind"), console.warnings);
    }

    @Test
    void aGoalWhoseJvmIsNotStoppingReportsItsFailureAsUsual() {
        RecordingConsole console = new RecordingConsole();
        try (ShutdownCleanup cleanup = new ShutdownCleanup(console, "openim:run")) {
            cleanup.awaitExitIfStopping();
            // Undone by hand (a test), while the JVM goes on: no waiting for an exit that never comes.
            cleanup.undoAll();
            cleanup.awaitExitIfStopping();
            assertTrue(cleanup.stoppingWithin(java.time.Duration.ZERO));
        }
    }

    @Test
    void closingWithoutAStopUndoesNothing() {
        RecordingConsole console = new RecordingConsole();
        List<String> undone = new ArrayList<>();
        try (ShutdownCleanup cleanup = new ShutdownCleanup(console)) {
            cleanup.register("container a", () -> undone.add("a"));
        }
        assertEquals(List.of(), undone);
        assertEquals(List.of(), console.warnings);
    }
}
