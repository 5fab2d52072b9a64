package io.openim.maven.oci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON of the OCI model: compact, fields in a fixed order and annotations sorted by key, so the
 * same content always gives the same bytes and digests.
 */
public final class OciJson {

    public static final ObjectMapper JSON = new ObjectMapper();

    private OciJson() {}

    public static ObjectNode parse(byte[] json) {
        try {
            JsonNode node = JSON.readTree(json);
            if (!(node instanceof ObjectNode object)) {
                throw new IOException("not a JSON object");
            }
            return object;
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable image JSON: " + e.getMessage(), e);
        }
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Puts {@code annotations}, sorted, under {@code annotations}; nothing when there are none. */
    static void putAnnotations(ObjectNode node, Map<String, String> annotations) {
        if (annotations == null || annotations.isEmpty()) {
            return;
        }
        ObjectNode object = node.putObject("annotations");
        new TreeMap<>(annotations).forEach(object::put);
    }

    /** The string values of a JSON object, e.g. a manifest's annotations; empty when there is none. */
    public static Map<String, String> strings(JsonNode object) {
        Map<String, String> values = new TreeMap<>();
        if (object != null && object.isObject()) {
            object.fields()
                    .forEachRemaining(
                            entry -> values.put(entry.getKey(), entry.getValue().asText()));
        }
        return values;
    }
}
