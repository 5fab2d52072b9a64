package io.openim.maven.release;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@code openim:image} needs, resolved from the POM, properties and environment.
 *
 * @param labels what every release image is labelled with (the checkout, its project, the role)
 */
public record ReleaseRequest(
        Map<String, String> labels,
        Path binRoot,
        Path imagesDirectory,
        Path releaseDirectory,
        Path workDirectory,
        List<String> images,
        List<String> platforms,
        String baseImage,
        boolean pullBaseImage,
        String registry,
        String tag,
        List<String> extraTags,
        int threads,
        Compression compression,
        boolean keepImages) {

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
        labels = Map.copyOf(labels);
        images = List.copyOf(images);
        platforms = List.copyOf(platforms);
        extraTags = List.copyOf(extraTags);
    }
}
