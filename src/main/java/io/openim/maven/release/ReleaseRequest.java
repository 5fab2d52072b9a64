package io.openim.maven.release;

import io.openim.maven.naming.BuildIdentity;
import java.nio.file.Path;
import java.util.List;

/** What {@code openim:image} needs, resolved from the POM, properties and environment. */
public record ReleaseRequest(BuildIdentity identity, Path binRoot, Path imagesDirectory, Path releaseDirectory,
        Path workDirectory, List<String> images, List<String> platforms, String baseImage, boolean pullBaseImage,
        String registry, String tag, List<String> extraTags, int threads, Compression compression,
        boolean keepImages) {

    /** How archives are written. */
    public enum Compression {
        NONE(".tar", "tar"), GZIP(".tar.gz", "tar.gz");

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
        images = List.copyOf(images);
        platforms = List.copyOf(platforms);
        extraTags = List.copyOf(extraTags);
    }
}
