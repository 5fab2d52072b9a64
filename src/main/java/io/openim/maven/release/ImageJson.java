package io.openim.maven.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openim.maven.oci.Layer;
import io.openim.maven.oci.OciJson;
import io.openim.maven.oci.Platform;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The configs of release images. Fields are written in a fixed order and without spaces, so the
 * same image always gives the same bytes and digests.
 */
final class ImageJson {

    private ImageJson() {}

    static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    /**
     * The config of a binary's image: the base's runtime settings (environment, user unless
     * {@code user} names one, working directory, ports), the binary as entrypoint with no default
     * arguments, {@code labels} (the final set, see {@link ImageLabels}), one layer more and one
     * history entry more, all at {@code created}.
     */
    static byte[] config(
            Platform platform,
            ObjectNode base,
            List<Layer> layers,
            String entrypoint,
            Map<String, String> labels,
            String user,
            Instant created,
            String createdBy) {
        ObjectNode config = OciJson.JSON.createObjectNode();
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
            if (field.equals("User") && user != null) {
                runtime.put("User", user);
            } else if (value != null && !value.isNull()) {
                runtime.set(field, value);
            }
        }
        runtime.putArray("Entrypoint").add(entrypoint);
        ObjectNode allLabels = runtime.putObject("Labels");
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
        return OciJson.bytes(config);
    }

    /**
     * An engine-built config made reproducible: creation times (image and history) set to
     * {@code created}; what records the build itself (its containers, the intermediate parent) and
     * the engine-only labels (with their LABEL history entries) taken out, what is left relabelled
     * ({@link ImageLabels}), the user set when one is given; the layers' digests as they are after
     * {@link LayerTimes}.
     */
    static byte[] reproducible(
            ObjectNode config,
            Instant created,
            List<Layer> layers,
            Set<String> engineOnlyLabels,
            UnaryOperator<Map<String, String>> relabel,
            String user) {
        ObjectNode copy = config.deepCopy();
        copy.put("created", timestamp(created));
        copy.remove("container");
        copy.remove("container_config");
        if (copy.path("config") instanceof ObjectNode runtime) {
            runtime.remove("Image");
            if (runtime.has("Hostname")) {
                runtime.put("Hostname", "");
            }
            Map<String, String> kept = OciJson.strings(runtime.get("Labels"));
            engineOnlyLabels.forEach(kept::remove);
            ObjectNode labels = runtime.putObject("Labels");
            relabel.apply(kept).forEach(labels::put);
            if (user != null) {
                runtime.put("User", user);
            }
        }
        ArrayNode diffIds = OciJson.JSON.createArrayNode();
        layers.forEach(layer -> diffIds.add(layer.diffId()));
        ((ObjectNode) copy.path("rootfs")).set("diff_ids", diffIds);
        JsonNode history = copy.get("history");
        if (history != null && history.isArray()) {
            ArrayNode kept = OciJson.JSON.createArrayNode();
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
        return OciJson.bytes(copy);
    }
}
