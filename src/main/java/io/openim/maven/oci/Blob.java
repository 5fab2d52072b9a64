package io.openim.maven.oci;

import io.openim.maven.util.Sha256;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A content-addressed part of an image: a layer on disk, or a config or manifest in memory.
 *
 * @param digest {@code sha256:…} of the bytes as stored
 */
public record Blob(String mediaType, String digest, long size, Path file, byte[] content) {

    /** The empty JSON object an artifact without a config of its own points at. */
    public static final Blob EMPTY = inMemory(MediaTypes.EMPTY, "{}".getBytes(StandardCharsets.UTF_8));

    public static Blob inMemory(String mediaType, byte[] content) {
        return new Blob(mediaType, "sha256:" + Sha256.hex(content), content.length, null, content);
    }

    public static Blob onDisk(String mediaType, String digest, long size, Path file) {
        return new Blob(mediaType, digest, size, file, null);
    }

    public InputStream open() throws IOException {
        return content != null ? new ByteArrayInputStream(content) : Files.newInputStream(file);
    }

    /** The hex part of the digest, the blob's file name in an image layout. */
    public String hex() {
        return digest.substring(digest.indexOf(':') + 1);
    }
}
