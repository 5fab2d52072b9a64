package io.openim.maven.release;

import java.nio.file.Path;

/**
 * An archived release image: the file, its main reference, the archive's SHA-256, the image ID
 * (the config digest) it holds, and its SBOM beside it with that file's SHA-256 (null when the
 * binary had no Go build information).
 */
public record ReleaseArchive(
        ReleaseBinary binary, String image, Path file, String sha256, String imageId, Path sbom, String sbomSha256) {

    /** The classifier an attached archive gets, e.g. {@code openim-api-amd64}. */
    public String classifier() {
        return binary.imageName();
    }
}
