package io.openim.maven.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openim.maven.util.Sha256;
import io.openim.maven.util.TarStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An image as an engine's {@code docker save} gives it (the classic layout of Engine 20.10 or the
 * OCI layout of newer engines), read in one pass: its config, and its layers compressed into blob
 * files on the way, so a large image never sits in memory.
 */
record SavedImage(byte[] configBytes, ObjectNode config, List<Layer> layers) {

    /** Entries this small are kept in memory; configs and manifests are always small. */
    private static final long IN_MEMORY = 4L << 20;

    private static final byte[] GZIP_MAGIC = {0x1f, (byte) 0x8b};

    static SavedImage read(InputStream saved, Path blobDirectory) throws IOException {
        TarStream tar = new TarStream(saved);
        Map<String, byte[]> small = new HashMap<>();
        Map<String, Layer> compressed = new HashMap<>();
        for (TarStream.Entry entry = tar.next(); entry != null; entry = tar.next()) {
            if (!entry.isFile()) {
                continue;
            }
            if (entry.size() <= IN_MEMORY) {
                small.put(entry.name(), tar.readAll());
            } else {
                compressed.put(entry.name(), GzipLayers.compress(tar.content(), blobDirectory));
            }
        }
        byte[] manifestJson = small.get("manifest.json");
        if (manifestJson == null) {
            throw new IOException("the engine's export has no manifest.json");
        }
        JsonNode manifest = ImageJson.JSON.readTree(manifestJson);
        JsonNode first = manifest.isArray() && manifest.size() > 0 ? manifest.get(0) : null;
        if (first == null || !first.hasNonNull("Config")) {
            throw new IOException("the engine's manifest.json names no config");
        }
        byte[] configBytes = small.get(first.get("Config").asText());
        if (configBytes == null) {
            throw new IOException("the engine's export lacks the config "
                    + first.get("Config").asText());
        }
        ObjectNode config = ImageJson.parse(configBytes);
        JsonNode diffIds = config.path("rootfs").path("diff_ids");
        List<Layer> layers = new ArrayList<>();
        int index = 0;
        for (JsonNode path : first.path("Layers")) {
            String name = path.asText();
            Layer layer = compressed.containsKey(name)
                    ? compressed.get(name)
                    : fromMemory(name, small.get(name), blobDirectory);
            String expected = diffIds.path(index++).asText();
            if (!layer.diffId().equals(expected)) {
                throw new IOException("layer " + name + " of the export has digest " + layer.diffId()
                        + " but the config lists " + expected);
            }
            layers.add(layer);
        }
        if (index != diffIds.size()) {
            throw new IOException("the export has " + index + " layers, its config " + diffIds.size());
        }
        return new SavedImage(configBytes, config, layers);
    }

    private static Layer fromMemory(String name, byte[] content, Path blobDirectory) throws IOException {
        if (content == null) {
            throw new IOException("the engine's export lacks the layer " + name);
        }
        if (content.length >= 2 && content[0] == GZIP_MAGIC[0] && content[1] == GZIP_MAGIC[1]) {
            throw new IOException("the engine's export has a compressed layer " + name + ", which it never should");
        }
        return GzipLayers.compress(new ByteArrayInputStream(content), blobDirectory);
    }

    /** The sha256 digest of an image's config, which is its ID. */
    String imageId() {
        return "sha256:" + Sha256.hex(configBytes);
    }
}
