package io.openim.maven.release;

import io.openim.maven.OpenImException;
import io.openim.maven.docker.DockerEngine;
import io.openim.maven.process.OutputDirectory;
import io.openim.maven.process.ShutdownCleanup;
import io.openim.maven.setting.Setting;
import io.openim.maven.util.Sha256;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Streams {@code docker save} to disk, hashing on the way. The archive is written under a
 * temporary name and renamed only when complete, so a failed or interrupted save never leaves a
 * truncated file under the final name.
 */
final class ArchiveWriter {

    private static final int BUFFER = 1 << 16;

    private final DockerEngine engine;
    private final ShutdownCleanup cleanup;
    private final OutputDirectory output;

    ArchiveWriter(DockerEngine engine, ShutdownCleanup cleanup, OutputDirectory output) {
        this.engine = engine;
        this.cleanup = cleanup;
        this.output = output;
    }

    /** Saves the image's references to {@code target}; returns the SHA-256 of the file as written. */
    String save(List<String> references, Path target, ReleaseRequest.Compression compression) {
        Path temporary = target.resolveSibling("." + target.getFileName() + ".partial");
        MessageDigest sha = Sha256.newDigest();
        output.createDirectories(target.getParent());
        try (ShutdownCleanup.Registration undo =
                cleanup.register("partial archive " + temporary, () -> deleteQuietly(temporary))) {
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(temporary), BUFFER);
                    DigestOutputStream hashed = new DigestOutputStream(file, sha);
                    OutputStream archive = compression == ReleaseRequest.Compression.GZIP
                            ? new GZIPOutputStream(hashed, BUFFER)
                            : hashed) {
                engine.saveImage(references, archive);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return Sha256.hex(sha);
        } catch (IOException | UncheckedIOException e) {
            deleteQuietly(temporary);
            String reason = e instanceof UncheckedIOException unchecked
                    ? unchecked.getCause().getMessage()
                    : e.getMessage();
            throw new OpenImException(
                    "Cannot write the archive " + target + ": " + reason + ". Free disk space or point "
                            + Setting.OUT_DIR.describe() + " at a writable directory with room.",
                    e);
        } catch (RuntimeException e) {
            deleteQuietly(temporary);
            throw e;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // In the plugin's own directory; the next save overwrites it.
        }
    }
}
