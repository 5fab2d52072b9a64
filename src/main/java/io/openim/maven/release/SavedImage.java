package io.openim.maven.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openim.maven.oci.Layer;
import io.openim.maven.oci.OciJson;
import io.openim.maven.util.Sha256;
import io.openim.maven.util.TarStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An image as an engine's {@code docker save} gives it (the classic layout of Engine 20.10 or the
 * OCI layout of newer engines), read in one pass: its config, and its layers compressed into blob
 * files on the way, so a large image never sits in memory. Each layer is checked against the
 * digest the config lists.
 */
record SavedImage(byte[] configBytes, ObjectNode config, List<Layer> layers) {

    /** Entries this small are kept in memory; configs and manifests are always small. */
    private static final long IN_MEMORY = 4L << 20;

    /** A layer as filed, and the digest of the tar as the engine gave it. */
    private record Filed(Layer layer, String savedDigest) {}

    /**
     * Reads the export; with {@code layerTime} set, every entry of every layer gets that time (see
     * {@link LayerTimes}), so the layers' digests then differ from the config's, which the caller
     * rewrites.
     */
    static SavedImage read(InputStream saved, Path blobDirectory, Long layerTime) throws IOException {
        TarStream tar = new TarStream(saved);
        Map<String, byte[]> small = new HashMap<>();
        Map<String, Filed> filed = new HashMap<>();
        for (TarStream.Entry entry = tar.next(); entry != null; entry = tar.next()) {
            if (!entry.isFile()) {
                continue;
            }
            if (entry.size() <= IN_MEMORY) {
                small.put(entry.name(), tar.readAll());
            } else {
                filed.put(entry.name(), file(tar.content(), blobDirectory, layerTime));
            }
        }
        byte[] manifestJson = small.get("manifest.json");
        if (manifestJson == null) {
            throw new IOException("the engine's export has no manifest.json");
        }
        JsonNode manifest = OciJson.JSON.readTree(manifestJson);
        JsonNode first = manifest.isArray() && manifest.size() > 0 ? manifest.get(0) : null;
        if (first == null || !first.hasNonNull("Config")) {
            throw new IOException("the engine's manifest.json names no config");
        }
        byte[] configBytes = small.get(first.get("Config").asText());
        if (configBytes == null) {
            throw new IOException("the engine's export lacks the config "
                    + first.get("Config").asText());
        }
        ObjectNode config = OciJson.parse(configBytes);
        JsonNode diffIds = config.path("rootfs").path("diff_ids");
        List<Layer> layers = new ArrayList<>();
        int index = 0;
        for (JsonNode path : first.path("Layers")) {
            String name = path.asText();
            Filed layer = filed.get(name);
            if (layer == null) {
                byte[] content = small.get(name);
                if (content == null) {
                    throw new IOException("the engine's export lacks the layer " + name);
                }
                layer = file(new ByteArrayInputStream(content), blobDirectory, layerTime);
            }
            String expected = diffIds.path(index++).asText();
            if (!layer.savedDigest().equals(expected)) {
                throw new IOException("layer " + name + " of the export has digest " + layer.savedDigest()
                        + " but the config lists " + expected);
            }
            layers.add(layer.layer());
        }
        if (index != diffIds.size()) {
            throw new IOException("the export has " + index + " layers, its config " + diffIds.size());
        }
        return new SavedImage(configBytes, config, layers);
    }

    private static Filed file(InputStream tar, Path blobDirectory, Long layerTime) throws IOException {
        MessageDigest saved = Sha256.newDigest();
        InputStream hashed = new DigestInputStream(tar, saved);
        Layer layer;
        if (layerTime == null) {
            layer = GzipLayers.compress(hashed, blobDirectory);
        } else {
            try (GzipLayers.Sink sink = GzipLayers.sink(blobDirectory)) {
                LayerTimes.normalize(hashed, sink.tar(), layerTime);
                layer = sink.finish();
            }
        }
        return new Filed(layer, "sha256:" + Sha256.hex(saved));
    }
}
