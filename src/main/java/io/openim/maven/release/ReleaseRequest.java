package io.openim.maven.release;

import io.openim.maven.oci.Platform;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@code openim:image} needs, resolved and checked from the POM, properties and environment.
 *
 * @param imageLabels what every release image's config carries: the same on every machine, so
 *     archives are reproducible
 * @param engineLabels what images the engine builds from a per-binary Dockerfile carry while they
 *     exist: the checkout's labels, so clean finds them
 * @param platforms the platforms to package; empty means every one found
 * @param baseImage the runtime base of a platform {@code baseImages} does not name
 * @param created the images' creation time, and the time of every file in their layers
 * @param metadata the OCI labels, the POM's labels, the user and what the SBOMs name
 */
public record ReleaseRequest(
        Map<String, String> imageLabels,
        Map<String, String> engineLabels,
        Path binRoot,
        Path imagesDirectory,
        Path releaseDirectory,
        Path workDirectory,
        Path baseCache,
        List<String> images,
        List<Platform> platforms,
        String baseImage,
        Map<Platform, String> baseImages,
        boolean pullBaseImage,
        String registry,
        String tag,
        List<String> extraTags,
        int threads,
        Compression compression,
        boolean keepImages,
        Instant created,
        ImageMetadata metadata) {

    /** How archives are written. */
    public enum Compression {
        NONE(".tar", "tar"),
        GZIP(".tar.gz", "tar.gz");

        private final String suffix;
        private final String type;

        Compression(String suffix, String type) {
            this.suffix = suffix;
            this.type = type;
        }

        public String suffix() {
            return suffix;
        }

        /** The Maven artifact type of an attached archive. */
        public String type() {
            return type;
        }
    }

    public ReleaseRequest {
        imageLabels = Map.copyOf(imageLabels);
        engineLabels = Map.copyOf(engineLabels);
        images = List.copyOf(images);
        platforms = List.copyOf(platforms);
        baseImages = Map.copyOf(baseImages);
        extraTags = List.copyOf(extraTags);
    }

    /** The base for {@code platform}: its own entry, else the common one. */
    public String baseFor(Platform platform) {
        return baseImages.getOrDefault(platform, baseImage);
    }

    /** Every reference of a binary's image: {@code REGISTRY/NAME-ARCH:TAG} first, then the extra tags. */
    public List<String> references(ReleaseBinary binary) {
        String repository = registry + "/" + binary.imageName();
        List<String> references = new ArrayList<>();
        references.add(repository + ":" + tag);
        extraTags.forEach(extra -> references.add(repository + ":" + extra));
        return List.copyOf(references);
    }
}
