package io.openim.maven.docker;

import java.util.Map;

/** A named volume and its labels. */
public record VolumeInfo(String name, Map<String, String> labels) {

    public VolumeInfo {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
