package io.openim.maven.release;

import io.openim.maven.OpenImException;
import io.openim.maven.docker.DockerEngine;
import io.openim.maven.setting.Setting;
import io.openim.maven.util.Sha256;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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

    ArchiveWriter(DockerEngine engine) {
        this.engine = engine;
    }

    /** Saves the image's references to {@code target}; returns the SHA-256 of the file as written. */
    String save(List<String> references, Path target, ReleaseRequest.Compression compression) {
        Path temporary = target.resolveSibling("." + target.getFileName() + ".partial");
        temporary.toFile().deleteOnExit();
        MessageDigest sha = Sha256.newDigest();
        try {
            Files.createDirectories(target.getParent());
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(temporary), BUFFER);
                    DigestOutputStream hashed = new DigestOutputStream(file, sha);
                    OutputStream archive = compression == ReleaseRequest.Compression.GZIP
                            ? new GZIPOutputStream(hashed, BUFFER)
                            : hashed) {
                engine.saveImage(references, archive);
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return Sha256.hex(sha);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new OpenImException(
                    "Cannot write the archive " + target + ": " + e.getMessage() + ". Free disk space or point "
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
            // Left for deleteOnExit.
        }
    }
}
