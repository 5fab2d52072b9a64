package io.openim.maven.release;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openim.maven.oci.Layer;
import java.util.List;

/**
 * The base of a release image for one platform: its reference as the user wrote it, its config
 * and its layers as blobs; {@code scratch} has neither.
 */
record BaseImage(String reference, ObjectNode config, List<Layer> layers) {

    static final String SCRATCH = "scratch";

    BaseImage {
        layers = List.copyOf(layers);
    }

    static BaseImage scratch() {
        return new BaseImage(SCRATCH, null, List.of());
    }
}
