package io.openim.maven.clean;

import io.openim.maven.OpenImException;
import io.openim.maven.naming.CheckoutInfo;
import io.openim.maven.process.OutputDirectory;
import io.openim.maven.setting.Setting;
import io.openim.maven.util.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;

/**
 * Deletes what the plugin created in the output directory, and nothing else: the paths its record
 * lists, never a file git tracks, never through a symbolic link. Whatever else is there stays, and
 * the log says what and why.
 */
public final class OutputCleaner {

    private static final int SHOWN = 5;

    private final Console console;

    public OutputCleaner(Console console) {
        this.console = console;
    }

    /**
     * Checks, without writing, whether clean may touch the output directory: refuses one holding
     * files git tracks; returns false for one the plugin did not create (clean then leaves it, and
     * its lock, alone), true when it is the plugin's or does not exist.
     */
    public boolean mayClean(Path projectRoot, OutputDirectory output) {
        Path outDir = output.root();
        if (!Files.exists(outDir, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        List<String> tracked = CheckoutInfo.trackedFiles(projectRoot, outDir, SHOWN + 1);
        if (!tracked.isEmpty()) {
            throw new OpenImException("openim:clean deletes nothing in " + outDir + ": git tracks files there ("
                    + shown(tracked) + "), so it is not the plugin's output directory. Fix "
                    + Setting.OUT_DIR.describe() + " (default _output), or untrack those files if they really are"
                    + " build output.");
        }
        if (output.recorded().isEmpty()) {
            console.warn("openim:clean leaves " + outDir + " alone: the plugin did not create it (it holds no "
                    + OutputDirectory.RECORD + " record of what the plugin wrote). Delete it yourself if it is"
                    + " build output, or fix " + Setting.OUT_DIR.describe() + ".");
            return false;
        }
        return true;
    }

    /** Deletes what the record lists; call only when {@link #mayClean} said so. */
    public void remove(OutputDirectory output) {
        Path outDir = output.root();
        if (!Files.exists(outDir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> recorded = output.recorded();
        boolean ownsRoot = recorded.remove(outDir);
        Path record = outDir.resolve(OutputDirectory.RECORD);
        recorded.remove(record);
        int deleted = 0;
        for (Path path : recorded) {
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                delete(path);
                deleted++;
            }
        }
        delete(record);
        List<String> left = entries(outDir);
        if (left.isEmpty() && ownsRoot) {
            delete(outDir);
            console.info("Deleted " + outDir);
        } else if (left.isEmpty()) {
            console.info("Deleted what the plugin wrote in " + outDir + " (" + deleted + " path(s)); the directory"
                    + " itself was there before");
        } else {
            console.warn("Deleted what the plugin wrote in " + outDir + " (" + deleted + " path(s)) and left what"
                    + " it did not write: " + shown(left));
        }
    }

    private static List<String> entries(Path directory) {
        try (Stream<Path> list = Files.list(directory)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String shown(List<String> names) {
        List<String> first = new ArrayList<>(names.subList(0, Math.min(SHOWN, names.size())));
        if (names.size() > SHOWN) {
            first.add("…");
        }
        return String.join(", ", first);
    }

    private void delete(Path path) {
        try {
            // PathUtils does not follow symbolic links, so nothing outside the directory is deleted.
            PathUtils.delete(path);
        } catch (IOException e) {
            throw new OpenImException(
                    "Cannot delete " + path + ": " + e.getMessage()
                            + ". Check its permissions (files written by a container as root need sudo).",
                    e);
        }
    }
}
