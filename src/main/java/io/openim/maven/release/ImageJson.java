package io.openim.maven.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON of images: configs, manifests, indexes. Fields are written in a fixed order and
 * without spaces, so the same image always gives the same bytes and digests.
 */
final class ImageJson {

    static final ObjectMapper JSON = new ObjectMapper();

    private ImageJson() {}

    static ObjectNode parse(byte[] json) {
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

    static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /**
     * The config of a binary's image: the base's runtime settings (environment, user, working
     * directory, ports), the binary as entrypoint with no default arguments, the labels on top of
     * the base's, one layer more and one history entry more, all at {@code created}.
     */
    static byte[] config(
            Platform platform,
            ObjectNode base,
            List<Layer> layers,
            String entrypoint,
            Map<String, String> labels,
            Instant created,
            String createdBy) {
        ObjectNode config = JSON.createObjectNode();
        config.put("architecture", platform.architecture());
        config.put("os", platform.os());
        if (platform.variant() != null) {
            config.put("variant", platform.variant());
        }
        config.put("created", timestamp(created));
        ObjectNode runtime = config.putObject("config");
        JsonNode baseRuntime = base == null ? null : base.path("config");
        for (String field : List.of("User", "ExposedPorts", "Env", "WorkingDir", "Volumes", "StopSignal")) {
            JsonNode value = baseRuntime == null ? null : baseRuntime.get(field);
            if (value != null && !value.isNull()) {
                runtime.set(field, value);
            }
        }
        runtime.putArray("Entrypoint").add(entrypoint);
        ObjectNode allLabels = runtime.putObject("Labels");
        JsonNode baseLabels = baseRuntime == null ? null : baseRuntime.get("Labels");
        if (baseLabels != null && baseLabels.isObject()) {
            baseLabels.fields().forEachRemaining(entry -> allLabels.set(entry.getKey(), entry.getValue()));
        }
        labels.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> allLabels.put(entry.getKey(), entry.getValue()));
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        layers.forEach(layer -> diffIds.add(layer.diffId()));
        ArrayNode history = config.putArray("history");
        JsonNode baseHistory = base == null ? null : base.get("history");
        if (baseHistory != null && baseHistory.isArray()) {
            baseHistory.forEach(history::add);
        }
        ObjectNode ours = history.addObject();
        ours.put("created", timestamp(created));
        ours.put("created_by", createdBy);
        return bytes(config);
    }

    /**
     * An engine-built config made reproducible: creation times (image and history) set to
     * {@code created}; what records the build itself (its containers, the intermediate parent) and
     * the engine-only labels (with their LABEL history entries) taken out; the layers' digests as
     * they are after {@link LayerTimes}.
     */
    static byte[] reproducible(ObjectNode config, Instant created, List<Layer> layers, Set<String> engineOnlyLabels) {
        ObjectNode copy = config.deepCopy();
        copy.put("created", timestamp(created));
        copy.remove("container");
        copy.remove("container_config");
        if (copy.path("config") instanceof ObjectNode runtime) {
            runtime.remove("Image");
            if (runtime.has("Hostname")) {
                runtime.put("Hostname", "");
            }
            if (runtime.path("Labels") instanceof ObjectNode labels) {
                engineOnlyLabels.forEach(labels::remove);
            }
        }
        ArrayNode diffIds = JSON.createArrayNode();
        layers.forEach(layer -> diffIds.add(layer.diffId()));
        ((ObjectNode) copy.path("rootfs")).set("diff_ids", diffIds);
        JsonNode history = copy.get("history");
        if (history != null && history.isArray()) {
            ArrayNode kept = JSON.createArrayNode();
            for (JsonNode entry : history) {
                String createdBy = entry.path("created_by").asText("");
                boolean engineLabel =
                        engineOnlyLabels.stream().anyMatch(key -> createdBy.contains("LABEL " + key + "="));
                if (engineLabel && entry.path("empty_layer").asBoolean(false)) {
                    continue;
                }
                if (entry instanceof ObjectNode object && object.has("created")) {
                    object.put("created", timestamp(created));
                }
                kept.add(entry);
            }
            copy.set("history", kept);
        }
        return bytes(copy);
    }

    static byte[] manifest(Blob config, List<Layer> layers) {
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MediaTypes.MANIFEST);
        manifest.set("config", descriptor(config));
        ArrayNode list = manifest.putArray("layers");
        layers.forEach(layer -> list.add(descriptor(layer.blob())));
        return bytes(manifest);
    }

    /** An index of manifests, each with its platform and, when given, the reference it stands for. */
    static byte[] index(List<OciImage> images, List<String> referencesOfEach) {
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.INDEX);
        ArrayNode manifests = index.putArray("manifests");
        for (OciImage image : images) {
            List<String> references = referencesOfEach.isEmpty() ? List.of("") : referencesOfEach;
            for (String reference : references) {
                ObjectNode entry = descriptor(image.manifest());
                ObjectNode platform = entry.putObject("platform");
                platform.put("architecture", image.platform().architecture());
                platform.put("os", image.platform().os());
                if (image.platform().variant() != null) {
                    platform.put("variant", image.platform().variant());
                }
                if (!reference.isEmpty()) {
                    ObjectNode annotations = entry.putObject("annotations");
                    annotations.put("io.containerd.image.name", reference);
                    annotations.put(
                            "org.opencontainers.image.ref.name", reference.substring(reference.lastIndexOf(':') + 1));
                }
                manifests.add(entry);
            }
        }
        return bytes(index);
    }

    static ObjectNode descriptor(Blob blob) {
        ObjectNode descriptor = JSON.createObjectNode();
        descriptor.put("mediaType", blob.mediaType());
        descriptor.put("digest", blob.digest());
        descriptor.put("size", blob.size());
        return descriptor;
    }
}
