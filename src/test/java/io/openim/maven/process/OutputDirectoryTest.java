package io.openim.maven.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputDirectoryTest {

    @TempDir
    Path temp;

    @Test
    void recordsTheDirectoryItselfWhenThePluginCreatesIt() {
        OutputDirectory output = new OutputDirectory(temp.resolve("_output"));
        output.createDirectories(temp.resolve("_output/images/build-image"));
        output.createDirectories(temp.resolve("_output/images/release"));
        assertEquals(List.of(temp.resolve("_output"), temp.resolve("_output/images")), output.recorded());
    }

    @Test
    void recordsOnlyTheTopmostPathEachCallCreated() throws IOException {
        Files.createDirectories(temp.resolve("out/images"));
        OutputDirectory output = new OutputDirectory(temp.resolve("out"));
        output.createDirectories(temp.resolve("out/images/build-image/deep"));
        output.createDirectories(temp.resolve("out/images/build-image/other"));
        output.recordFile(temp.resolve("out/.openim.lock"));
        output.createDirectories(temp.resolve("out/release-images/amd64"));
        assertEquals(
                List.of(
                        temp.resolve("out/images/build-image"),
                        temp.resolve("out/.openim.lock"),
                        temp.resolve("out/release-images")),
                output.recorded());
    }

    @Test
    void pathsOutsideTheOutputDirectoryAreMadeButNotRecorded() {
        OutputDirectory output = new OutputDirectory(temp.resolve("_output"));
        output.createDirectories(temp.resolve("bin/linux"));
        assertTrue(Files.isDirectory(temp.resolve("bin/linux")));
        assertEquals(List.of(), output.recorded());
    }

    @Test
    void anExistingFileIsNotClaimed() throws IOException {
        Files.createDirectories(temp.resolve("out"));
        Files.writeString(temp.resolve("out/.openim.lock"), "someone else's");
        OutputDirectory output = new OutputDirectory(temp.resolve("out"));
        output.recordFile(temp.resolve("out/.openim.lock"));
        assertEquals(List.of(), output.recorded());
    }
}
