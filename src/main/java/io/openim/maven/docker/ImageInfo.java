package io.openim.maven.docker;

import java.util.List;
import java.util.Map;

/** An image: its id, the tags pointing at it and its labels. */
public record ImageInfo(String id, List<String> tags, Map<String, String> labels) {

    public ImageInfo {
        tags = tags == null ? List.of() : List.copyOf(tags);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
