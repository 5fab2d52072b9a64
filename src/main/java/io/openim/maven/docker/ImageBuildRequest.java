package io.openim.maven.docker;

import java.util.List;
import java.util.Map;

/**
 * What to build: tags (may be none), build arguments, labels, whether to pull the base image and
 * the platform to build for (null: the engine's).
 */
public record ImageBuildRequest(
        List<String> tags, Map<String, String> buildArgs, Map<String, String> labels, boolean pull, String platform) {

    public ImageBuildRequest {
        tags = List.copyOf(tags);
        buildArgs = Map.copyOf(buildArgs);
        labels = Map.copyOf(labels);
    }

    public ImageBuildRequest(
            List<String> tags, Map<String, String> buildArgs, Map<String, String> labels, boolean pull) {
        this(tags, buildArgs, labels, pull, null);
    }
}
