package io.openim.maven.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openim.maven.util.Sha256;
import io.openim.maven.util.TarStream;
import io.openim.maven.util.TarWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Test helpers: archives as the engine saves them, and reading the plugin's archives back. */
final class ImageArchives {

    static final ObjectMapper JSON = new ObjectMapper();

    private ImageArchives() {}

    /** A {@code docker save} archive (classic layout) of a one-layer image holding {@code files}. */
    static byte[] savedImage(String architecture, Map<String, String> files) throws IOException {
        ByteArrayOutputStream layer = new ByteArrayOutputStream();
        try (TarWriter tar = new TarWriter(layer)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                tar.addFile(file.getKey(), file.getValue().getBytes(StandardCharsets.UTF_8), 0644, 0, 0);
            }
        }
        String diffId = "sha256:" + Sha256.hex(layer.toByteArray());
        String config =
                "{\"architecture\":\"" + architecture + "\",\"os\":\"linux\",\"config\":{\"Env\":[\"PATH=/bin\"],"
                        + "\"Cmd\":[\"/bin/sh\"],\"WorkingDir\":\"/srv\",\"Labels\":{\"base.label\":\"kept\",\"org.opencontainers.image.source\":\"https://base.example\"}},"
                        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + diffId + "\"]},"
                        + "\"history\":[{\"created\":\"2024-01-01T00:00:00Z\",\"created_by\":\"base\"}],"
                        + "\"created\":\"2024-01-01T00:00:00Z\"}";
        String configName = Sha256.hex(config) + ".json";
        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        try (TarWriter tar = new TarWriter(archive)) {
            tar.addFile("abc/layer.tar", layer.toByteArray(), 0644, 0, 0);
            tar.addFile(configName, config.getBytes(StandardCharsets.UTF_8), 0644, 0, 0);
            tar.addFile(
                    "manifest.json",
                    ("[{\"Config\":\"" + configName + "\",\"RepoTags\":null,\"Layers\":" + "[\"abc/layer.tar\"]}]")
                            .getBytes(StandardCharsets.UTF_8),
                    0644,
                    0,
                    0);
        }
        return archive.toByteArray();
    }

    /** The entries of one of the plugin's archives: name -> bytes (a gzip archive is unpacked first). */
    static Map<String, byte[]> entries(Path archive) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream file = Files.newInputStream(archive);
                InputStream in = archive.toString().endsWith(".gz") ? new GZIPInputStream(file) : file) {
            TarStream tar = new TarStream(in);
            for (TarStream.Entry entry = tar.next(); entry != null; entry = tar.next()) {
                entries.put(entry.name(), entry.isFile() ? tar.readAll() : new byte[0]);
            }
        }
        return entries;
    }

    static JsonNode json(byte[] bytes) throws IOException {
        return JSON.readTree(bytes);
    }

    /** The config of the archive's image, found as {@code docker load} finds it. */
    static JsonNode config(Map<String, byte[]> entries) throws IOException {
        JsonNode manifest = json(entries.get("manifest.json")).get(0);
        return json(entries.get(manifest.get("Config").asText()));
    }

    /** The entries of the image's last layer, e.g. the binary the plugin added. */
    static Map<String, TarStream.Entry> lastLayer(Map<String, byte[]> entries) throws IOException {
        JsonNode manifest = json(entries.get("manifest.json")).get(0);
        List<JsonNode> layers = new ArrayList<>();
        manifest.get("Layers").forEach(layers::add);
        byte[] gz = entries.get(layers.get(layers.size() - 1).asText());
        Map<String, TarStream.Entry> result = new LinkedHashMap<>();
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            TarStream tar = new TarStream(in);
            for (TarStream.Entry entry = tar.next(); entry != null; entry = tar.next()) {
                result.put(entry.name(), entry);
            }
        }
        return result;
    }
}
