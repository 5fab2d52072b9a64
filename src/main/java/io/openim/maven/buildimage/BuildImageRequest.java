package io.openim.maven.buildimage;

import io.openim.maven.naming.BuildIdentity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What {@code openim:build-image} needs, already resolved from the POM, properties and environment. */
public record BuildImageRequest(
        BuildIdentity identity,
        Path dockerfile,
        List<Path> contextFiles,
        Path contextDirectory,
        String crossImage,
        String crossVersion,
        Map<String, String> buildArgs,
        boolean pullBaseImage) {

    public BuildImageRequest {
        contextFiles = List.copyOf(contextFiles);
        buildArgs = Map.copyOf(buildArgs);
    }
}
