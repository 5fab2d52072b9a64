package io.openim.maven.config;

import java.nio.file.Path;
import java.util.List;

/**
 * What the plugin knows of the Maven project it runs in: its coordinates, and what release images
 * say of where they come from (the POM's url, scm url, description and licenses; each may be null
 * or empty).
 */
public record ProjectFacts(
        Path basedir,
        String groupId,
        String artifactId,
        String version,
        String url,
        String scmUrl,
        String description,
        List<License> licenses) {

    /** A {@code <license>} of the POM. */
    public record License(String name, String url) {}

    public ProjectFacts {
        licenses = licenses == null ? List.of() : List.copyOf(licenses);
    }

    public ProjectFacts(Path basedir, String groupId, String artifactId, String version) {
        this(basedir, groupId, artifactId, version, null, null, null, List.of());
    }

    public String coordinates() {
        return groupId + ":" + artifactId;
    }
}
