package io.openim.maven.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a manifest or an index says of the content it points at: media type, digest and size, and
 * where it applies a platform, an artifact type and annotations.
 */
public record Descriptor(
        String mediaType,
        String digest,
        long size,
        Platform platform,
        String artifactType,
        Map<String, String> annotations) {

    public Descriptor {
        annotations = annotations == null ? Map.of() : Map.copyOf(new TreeMap<>(annotations));
    }

    public static Descriptor of(Blob blob) {
        return new Descriptor(blob.mediaType(), blob.digest(), blob.size(), null, null, Map.of());
    }

    public Descriptor withPlatform(Platform value) {
        return new Descriptor(mediaType, digest, size, value, artifactType, annotations);
    }

    public Descriptor withArtifactType(String value) {
        return new Descriptor(mediaType, digest, size, platform, value, annotations);
    }

    public Descriptor withAnnotations(Map<String, String> value) {
        return new Descriptor(mediaType, digest, size, platform, artifactType, value);
    }

    /** The JSON form, fields in the order the specification lists them. */
    public ObjectNode toJson() {
        ObjectNode node = OciJson.JSON.createObjectNode();
        node.put("mediaType", mediaType);
        node.put("digest", digest);
        node.put("size", size);
        if (platform != null) {
            ObjectNode object = node.putObject("platform");
            object.put("architecture", platform.architecture());
            object.put("os", platform.os());
            if (platform.variant() != null) {
                object.put("variant", platform.variant());
            }
        }
        if (artifactType != null) {
            node.put("artifactType", artifactType);
        }
        OciJson.putAnnotations(node, annotations);
        return node;
    }

    /** Reads a descriptor a registry or an archive gave; what it does not know stays null or empty. */
    public static Descriptor fromJson(JsonNode node) {
        JsonNode platform = node.path("platform");
        return new Descriptor(
                node.path("mediaType").asText(null),
                node.path("digest").asText(null),
                node.path("size").asLong(),
                platform.isObject()
                        ? new Platform(
                                platform.path("os").asText("linux"),
                                platform.path("architecture").asText(),
                                platform.path("variant").asText(null))
                        : null,
                node.path("artifactType").asText(null),
                OciJson.strings(node.get("annotations")));
    }
}
