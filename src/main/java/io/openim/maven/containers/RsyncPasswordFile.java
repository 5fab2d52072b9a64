package io.openim.maven.containers;

import io.openim.maven.OpenImException;
import io.openim.maven.util.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The host side of the per-run rsync password: a file only the user can read, in the temp
 * directory under a name that says which checkout and process it belongs to. A run removes its
 * own file when it ends; when a JVM was killed, the next run of the checkout finds the file of
 * the dead process and removes it, so the secret never outlives the run by more than that.
 */
final class RsyncPasswordFile {

    private static final String PREFIX = "openim-rsync-";
    private static final String SUFFIX = ".pass";

    private RsyncPasswordFile() {}

    static String newPassword() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** Writes the password for this process; first removes files of dead runs of the same checkout. */
    static Path write(Path tempDirectory, String hash, String password, Console console) {
        removeStale(tempDirectory, hash, console);
        Path file = tempDirectory.resolve(PREFIX + hash + "-"
                + ProcessHandle.current().pid() + "-" + Long.toHexString(System.nanoTime()) + SUFFIX);
        try {
            try {
                Files.createFile(
                        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            delete(file);
            throw new OpenImException(
                    "Cannot write the rsync password file " + file + ": " + e.getMessage()
                            + ". Make the temp directory writable, or point java.io.tmpdir (MAVEN_OPTS=-Djava.io.tmpdir=DIR)"
                            + " at one that is.",
                    e);
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A later run of this checkout removes it.
        }
    }

    private static void removeStale(Path tempDirectory, String hash, Console console) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tempDirectory, PREFIX + hash + "-*" + SUFFIX)) {
            for (Path file : files) {
                Optional<Long> pid = pidOf(file.getFileName().toString(), hash);
                boolean alive = pid.flatMap(ProcessHandle::of)
                        .map(ProcessHandle::isAlive)
                        .orElse(false);
                if (!alive) {
                    delete(file);
                    console.warn("Removed the rsync password file " + file + " of an earlier run that was stopped"
                            + " before it could clean up");
                }
            }
        } catch (IOException | RuntimeException e) {
            console.debug("Could not look for stale rsync password files in " + tempDirectory + ": " + e);
        }
    }

    private static Optional<Long> pidOf(String fileName, String hash) {
        String rest = fileName.substring((PREFIX + hash + "-").length());
        int dash = rest.indexOf('-');
        try {
            return Optional.of(Long.parseLong(dash < 0 ? rest : rest.substring(0, dash)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
