package io.openim.maven.clean;

import io.openim.maven.OpenImException;
import io.openim.maven.util.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.apache.commons.io.file.PathUtils;

/** Deletes the output directory, and refuses anything that is not strictly inside the checkout. */
public final class OutputCleaner {

    private final Console console;

    public OutputCleaner(Console console) {
        this.console = console;
    }

    public void remove(Path projectRoot, Path outDir) {
        Path root = projectRoot.toAbsolutePath().normalize();
        Path target = outDir.toAbsolutePath().normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            throw new OpenImException("'outDir' " + target + " is not inside the project " + root
                    + "; openim:clean only deletes an output directory inside the checkout. Fix 'outDir'.");
        }
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            // PathUtils does not follow symbolic links, so nothing outside the directory is deleted.
            PathUtils.delete(target);
            console.info("Deleted " + target);
        } catch (IOException e) {
            throw new OpenImException(
                    "Cannot delete " + target + ": " + e.getMessage()
                            + ". Check its permissions (files written by a container as root need sudo).",
                    e);
        }
    }
}
