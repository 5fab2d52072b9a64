package io.openim.maven.docker;

import java.util.Map;

/**
 * A container as listed or inspected. {@code state} is the engine's word ("created", "running",
 * "exited", …); {@code exitCode} is meaningful only once the container has run and stopped.
 */
public record ContainerInfo(
        String id, String name, Map<String, String> labels, String state, int exitCode, String image) {

    public ContainerInfo {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        if (name != null && name.startsWith("/")) {
            name = name.substring(1);
        }
    }

    public boolean running() {
        return "running".equals(state);
    }

    /** Created but never started: its exit code 0 says nothing about a completed run. */
    public boolean neverStarted() {
        return "created".equals(state);
    }
}
