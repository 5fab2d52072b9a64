package io.openim.maven.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MavenConsoleTest {

    @Test
    void inAParallelReactorEveryLineOfEveryMessageNamesTheModule() {
        RecordingLog log = new RecordingLog();
        MavenConsole console = new MavenConsole(log, false, "module-a");
        console.info("go build openim-api for linux/amd64");
        console.warn("failed:\nLast lines:\n  exit 3");
        console.debug("not shown");
        assertEquals(
                List.of(
                        "INFO [module-a] go build openim-api for linux/amd64",
                        "WARN [module-a] failed:",
                        "WARN [module-a] Last lines:",
                        "WARN [module-a]   exit 3"),
                log.lines);
    }

    @Test
    void otherwiseLinesAreAsTheyWere() {
        RecordingLog log = new RecordingLog();
        MavenConsole console = new MavenConsole(log, true);
        console.info("one\ntwo");
        console.debug("detail");
        assertEquals(List.of("INFO one\ntwo", "INFO detail"), log.lines);
    }
}
