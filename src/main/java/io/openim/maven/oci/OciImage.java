package io.openim.maven.oci;

import java.util.List;

/** One platform's image as the plugin writes and pushes it: config, layers and their manifest. */
public record OciImage(Platform platform, Blob config, List<Layer> layers, Blob manifest) {

    public OciImage {
        layers = List.copyOf(layers);
    }

    /** The image ID the engine shows after {@code docker load}: the config's digest. */
    public String imageId() {
        return config.digest();
    }
}
