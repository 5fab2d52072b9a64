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
                        "Interrupted: removed file c, container a"),
                console.warnings);
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
