package io.openim.maven.release;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openim.maven.oci.Layer;
import java.util.List;

/**
 * The base of a release image for one platform: its reference as the user wrote it, its image ID
 * (the digest of its config), its config and its layers as blobs; {@code scratch} has none of them.
 */
record BaseImage(String reference, String id, ObjectNode config, List<Layer> layers) {

    static final String SCRATCH = "scratch";

    BaseImage {
        layers = List.copyOf(layers);
    }

    boolean isScratch() {
        return id == null;
    }

    /**
     * The reference as a full name, the way the engine reads a short one: {@code debian:bookworm}
     * is {@code docker.io/library/debian:bookworm}; no tag means {@code latest}.
     */
    String fullName() {
        String name = reference;
        int slash = name.indexOf('/');
        String first = slash < 0 ? "" : name.substring(0, slash);
        boolean hasRegistry = first.contains(".") || first.contains(":") || first.equals("localhost");
        if (!hasRegistry) {
            name = "docker.io/" + (slash < 0 ? "library/" : "") + name;
        }
        boolean tagged = name.lastIndexOf(':') > name.lastIndexOf('/');
        return tagged || name.contains("@") ? name : name + ":latest";
    }

    static BaseImage scratch() {
        return new BaseImage(SCRATCH, null, null, List.of());
    }
}
