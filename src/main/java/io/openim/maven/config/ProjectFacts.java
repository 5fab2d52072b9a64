package io.openim.maven.config;

import java.nio.file.Path;

/** What the plugin knows of the Maven project it runs in. */
public record ProjectFacts(Path basedir, String groupId, String artifactId, String version) {

    public String coordinates() {
        return groupId + ":" + artifactId;
    }
}
