package io.openim.maven.docker;

import java.util.List;
import java.util.Map;

/**
 * An image: its id, the tags pointing at it, its labels and, when inspected, its platform, size
 * and the shell its Dockerfile chose ({@code SHELL}); those are null, 0 or empty in listings.
 */
public record ImageInfo(
        String id,
        List<String> tags,
        Map<String, String> labels,
        String os,
        String architecture,
        String variant,
        List<String> shell,
        long size) {

    public ImageInfo {
        tags = tags == null ? List.of() : List.copyOf(tags);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        shell = shell == null ? List.of() : List.copyOf(shell);
    }

    public ImageInfo(String id, List<String> tags, Map<String, String> labels) {
        this(id, tags, labels, null, null, null, List.of(), 0);
    }
}
