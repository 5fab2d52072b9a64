package io.openim.maven.docker;

import java.util.List;
import java.util.Map;

/** What to build: tags, build arguments, labels and whether to pull the base image. */
public record ImageBuildRequest(
        List<String> tags, Map<String, String> buildArgs, Map<String, String> labels, boolean pull) {

    public ImageBuildRequest {
        tags = List.copyOf(tags);
        buildArgs = Map.copyOf(buildArgs);
        labels = Map.copyOf(labels);
    }
}
