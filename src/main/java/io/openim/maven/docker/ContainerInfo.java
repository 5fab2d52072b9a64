package io.openim.maven.docker;

import java.util.Map;

/**
 * A container as listed or inspected. {@code exitCode} is meaningful only when the container
 * is not running.
 */
public record ContainerInfo(String id, String name, Map<String, String> labels, boolean running,
        int exitCode, String image) {

    public ContainerInfo {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        if (name != null && name.startsWith("/")) {
            name = name.substring(1);
        }
    }
}
