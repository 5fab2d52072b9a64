package io.openim.maven.oci;

/** The OCI media types the plugin writes; registries and engines since Docker 17 read them. */
public final class MediaTypes {

    public static final String MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String CONFIG = "application/vnd.oci.image.config.v1+json";
    public static final String LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";

    /** The config of an artifact that has none (image-spec 1.1): the two bytes {@code {}}. */
    public static final String EMPTY = "application/vnd.oci.empty.v1+json";

    /** An SPDX document in JSON, as artifact type and as the layer holding it. */
    public static final String SPDX_JSON = "application/spdx+json";

    /** What a registry may answer for a manifest of the Docker flavour. */
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";

    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";

    private MediaTypes() {}
}
