package io.openim.maven.sbom;

import java.time.Instant;

/**
 * What the SBOM of one image and platform says, all of it known before it is written: the image,
 * the binary in it, what the Go toolchain recorded in the binary, and the runtime base.
 *
 * @param reference the image's main reference, e.g. {@code openim/openim-api-amd64:1.0.0}
 * @param manifestDigest the digest of the platform image's manifest, which the SBOM is about
 * @param binaryPath where the binary is in the image, e.g. {@code /usr/local/bin/openim-api}
 * @param baseName the runtime base as a full reference, or null (scratch, or not known)
 * @param baseDigest the base's image ID, or null
 * @param licenses an SPDX license expression from the POM, or null when it cannot be known
 * @param tool the creator, e.g. {@code openim-maven-plugin-1.0.0}
 */
public record ImageSbom(
        String reference,
        String manifestDigest,
        String architecture,
        String binaryPath,
        String binarySha1,
        String binarySha256,
        GoBuildInfo go,
        String baseName,
        String baseDigest,
        String licenses,
        String description,
        String homepage,
        Instant created,
        String tool) {}
