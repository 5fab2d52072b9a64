package io.openim.maven.process;

import io.openim.maven.OpenImException;
import io.openim.maven.setting.Setting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The output directory and the record of what the plugin itself created in it. Everything the
 * plugin writes below {@code outDir} is made through {@link #createDirectories} or
 * {@link #recordFile}, which note in {@value #RECORD} the topmost path each call created. Clean
 * deletes exactly the recorded paths, so an {@code outDir} that already held the user's files
 * (say {@code outDir=internal}) loses none of them.
 */
public final class OutputDirectory {

    /** The record's name in the output directory. */
    public static final String RECORD = ".openim-output";

    /** What the record's first line says to someone who opens it. */
    private static final String HEADER =
            "# Paths openim-maven-plugin created here; `mvn openim:clean` deletes exactly these.";

    private final Path root;

    public OutputDirectory(Path outDir) {
        this.root = outDir.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /**
     * Creates {@code directory} and its parents, recording the topmost one this call created when it
     * is inside the output directory. Returns {@code directory}.
     */
    public synchronized Path createDirectories(Path directory) {
        Path target = directory.toAbsolutePath().normalize();
        Path firstMissing = firstMissing(target);
        try {
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new OpenImException(
                    "Cannot create " + target + ": " + e.getMessage() + ". Check that " + Setting.OUT_DIR.describe()
                            + " is writable and its disk has room.",
                    e);
        }
        if (firstMissing != null) {
            record(firstMissing);
            if (firstMissing.equals(root) && !target.equals(root)) {
                // Also the entry below it, so what the user adds beside it later stays unrecorded.
                record(root.resolve(root.relativize(target).getName(0)));
            }
        }
        return directory;
    }

    /** Records a file the caller is about to create directly in a directory made here. */
    public synchronized void recordFile(Path file) {
        Path target = file.toAbsolutePath().normalize();
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            createDirectories(target.getParent());
            record(target);
        }
    }

    /** The recorded paths, as absolute paths; {@link #root()} itself when the plugin created it. */
    public synchronized List<Path> recorded() {
        Path file = root.resolve(RECORD);
        List<Path> paths = new ArrayList<>();
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return paths;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String entry = line.strip();
                if (entry.isEmpty() || entry.startsWith("#")) {
                    continue;
                }
                Path path = root.resolve(entry).normalize();
                // A record edited to point elsewhere is not followed out of the directory.
                if (path.startsWith(root)) {
                    paths.add(path);
                }
            }
        } catch (IOException e) {
            throw new OpenImException("Cannot read " + file + ": " + e.getMessage() + ". Make it readable.", e);
        }
        return paths;
    }

    private Path firstMissing(Path target) {
        if (!target.startsWith(root)) {
            return null;
        }
        Path missing = null;
        for (Path p = target; p != null && p.startsWith(root); p = p.getParent()) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                break;
            }
            missing = p;
        }
        return missing;
    }

    private void record(Path created) {
        if (!created.startsWith(root)) {
            return;
        }
        String entry =
                created.equals(root) ? "." : root.relativize(created).toString().replace('\\', '/');
        Path file = root.resolve(RECORD);
        try {
            Set<String> entries = new LinkedHashSet<>();
            if (Files.isRegularFile(file)) {
                entries.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            } else {
                entries.add(HEADER);
            }
            // Something inside a recorded path is deleted with it; "." covers only the directory itself.
            boolean covered = entries.stream()
                    .filter(e -> !e.startsWith("#") && !e.equals("."))
                    .anyMatch(e -> entry.startsWith(e + "/"));
            if (!covered && entries.add(entry)) {
                Files.write(
                        file,
                        entries,
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE);
            }
        } catch (IOException e) {
            throw new OpenImException(
                    "Cannot write " + file + ": " + e.getMessage() + ". Check that " + Setting.OUT_DIR.describe()
                            + " is writable and its disk has room.",
                    e);
        }
    }
}
