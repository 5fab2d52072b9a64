package io.openim.maven.oci;

import com.fasterxml.jackson.databind.JsonNode;
import io.openim.maven.OpenImException;
import io.openim.maven.util.Sha256;
import io.openim.maven.util.TarStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads a release archive back, for pushing exactly what it holds: its references, platform,
 * manifest and config first (they come first in the archive), then its layers one by one as a
 * stream, never all in memory.
 */
public final class ArchiveReader implements AutoCloseable {

    /** Receives each layer of the archive, in the archive's order. */
    @FunctionalInterface
    public interface LayerConsumer {
        void accept(Blob descriptor, InputStream content) throws IOException;
    }

    private final Path file;
    private final InputStream in;
    private final TarStream tar;
    private final List<String> references;
    private final Platform platform;
    private final Blob manifest;
    private final Blob config;
    private final List<Blob> layers;
    private TarStream.Entry pending;

    private ArchiveReader(Path file) throws IOException {
        this.file = file;
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        this.in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
        this.tar = new TarStream(in);
        JsonNode index = null;
        JsonNode dockerManifest = null;
        Blob manifestBlob = null;
        Blob configBlob = null;
        String manifestDigest = null;
        String configDigest = null;
        for (TarStream.Entry entry = tar.next(); entry != null; entry = tar.next()) {
            if (!entry.isFile()) {
                continue;
            }
            String name = entry.name();
            if (name.equals("index.json")) {
                index = OciJson.JSON.readTree(tar.readAll());
                manifestDigest = index.path("manifests").path(0).path("digest").asText(null);
            } else if (name.equals("manifest.json")) {
                dockerManifest = OciJson.JSON.readTree(tar.readAll());
            } else if (manifestDigest != null && name.equals(blobPath(manifestDigest))) {
                manifestBlob = Blob.inMemory(MediaTypes.MANIFEST, tar.readAll());
                configDigest = OciJson.JSON
                        .readTree(manifestBlob.content())
                        .path("config")
                        .path("digest")
                        .asText(null);
            } else if (configDigest != null && name.equals(blobPath(configDigest))) {
                configBlob = Blob.inMemory(MediaTypes.CONFIG, tar.readAll());
            } else if (name.startsWith("blobs/")) {
                pending = entry;
                break;
            }
            if (index != null && dockerManifest != null && manifestBlob != null && configBlob != null) {
                pending = tar.next();
                break;
            }
        }
        if (index == null || dockerManifest == null || manifestBlob == null || configBlob == null) {
            throw new IOException("it is not an archive openim:image wrote (index.json, manifest.json, the manifest"
                    + " and the config must come first)");
        }
        if (!manifestBlob.digest().equals(manifestDigest)
                || !configBlob.digest().equals(configDigest)) {
            throw new IOException("its manifest or config does not match its digest");
        }
        JsonNode platformNode = index.path("manifests").path(0).path("platform");
        this.platform = new Platform(
                platformNode.path("os").asText("linux"),
                platformNode.path("architecture").asText(),
                platformNode.path("variant").asText(null));
        List<String> tags = new ArrayList<>();
        dockerManifest.path(0).path("RepoTags").forEach(tag -> tags.add(tag.asText()));
        this.references = List.copyOf(tags);
        this.manifest = manifestBlob;
        this.config = configBlob;
        List<Blob> descriptors = new ArrayList<>();
        for (JsonNode layer : OciJson.JSON.readTree(manifestBlob.content()).path("layers")) {
            descriptors.add(new Blob(
                    layer.path("mediaType").asText(),
                    layer.path("digest").asText(),
                    layer.path("size").asLong(),
                    null,
                    null));
        }
        this.layers = List.copyOf(descriptors);
    }

    public static ArchiveReader open(Path file) {
        try {
            return new ArchiveReader(file);
        } catch (IOException | RuntimeException e) {
            throw new OpenImException(
                    "Cannot read the release archive " + file + ": " + e.getMessage()
                            + ". Make it again with openim:image (mvn package).",
                    e);
        }
    }

    public Path file() {
        return file;
    }

    /** What {@code docker load} tags the image with: the archive's references. */
    public List<String> references() {
        return references;
    }

    public Platform platform() {
        return platform;
    }

    public Blob manifest() {
        return manifest;
    }

    public Blob config() {
        return config;
    }

    /** The layers the manifest lists, as descriptors. */
    public List<Blob> layers() {
        return layers;
    }

    /** The image's labels, from its config. */
    public Map<String, String> labels() {
        return OciJson.strings(OciJson.parse(config.content()).path("config").get("Labels"));
    }

    /** The manifest's annotations. */
    public Map<String, String> annotations() {
        return OciJson.strings(OciJson.parse(manifest.content()).get("annotations"));
    }

    /** Streams each layer blob to {@code consumer}, checking it against its digest. */
    public void forEachLayer(LayerConsumer consumer) {
        Map<String, Blob> wanted = new LinkedHashMap<>();
        layers.forEach(layer -> wanted.put(blobPath(layer.digest()), layer));
        try {
            for (TarStream.Entry entry = pending; entry != null; entry = tar.next()) {
                Blob layer = wanted.remove(entry.name());
                if (layer == null || !entry.isFile()) {
                    continue;
                }
                var digest = Sha256.newDigest();
                try (InputStream content = new DigestInputStream(tar.content(), digest)) {
                    consumer.accept(layer, content);
                    content.transferTo(OutputStream.nullOutputStream());
                }
                if (!layer.digest().equals("sha256:" + Sha256.hex(digest))) {
                    throw new IOException("the layer " + layer.digest() + " is damaged");
                }
            }
            pending = null;
            if (!wanted.isEmpty()) {
                throw new IOException("it lacks the layers " + wanted.keySet());
            }
        } catch (IOException e) {
            throw new OpenImException(
                    "Cannot read the release archive " + file + ": " + e.getMessage()
                            + ". Make it again with openim:image (mvn package).",
                    e);
        }
    }

    private static String blobPath(String digest) {
        return "blobs/sha256/" + digest.substring(digest.indexOf(':') + 1);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // Read only.
        }
    }
}
