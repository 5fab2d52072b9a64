package io.openim.maven.util;

import io.openim.maven.OpenImException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The regular files under a directory, in a stable order, as '/'-separated relative paths. */
public final class FileTree {

    private FileTree() {}

    /**
     * Every regular file below {@code directory} (symbolic links are not followed), sorted.
     *
     * @param what names the directory in the error, e.g. "the build image directory"
     * @param fix what the user can do when it cannot be listed
     */
    public static List<String> regularFiles(Path directory, String what, String fix) {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile)
                    .map(file -> directory.relativize(file).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException | RuntimeException e) {
            throw new OpenImException("Cannot list " + what + " " + directory + ": " + e.getMessage() + ". " + fix, e);
        }
    }
}
