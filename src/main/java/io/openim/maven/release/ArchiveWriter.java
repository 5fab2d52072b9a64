package io.openim.maven.release;

import io.openim.maven.OpenImException;
import io.openim.maven.oci.Blob;
import io.openim.maven.oci.Descriptor;
import io.openim.maven.oci.Layer;
import io.openim.maven.oci.OciImage;
import io.openim.maven.oci.OciIndex;
import io.openim.maven.oci.OciJson;
import io.openim.maven.process.OutputDirectory;
import io.openim.maven.process.ShutdownCleanup;
import io.openim.maven.setting.Setting;
import io.openim.maven.util.Console;
import io.openim.maven.util.ParallelGzipOutputStream;
import io.openim.maven.util.Progress;
import io.openim.maven.util.Sha256;
import io.openim.maven.util.TarWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a release archive: an OCI image layout (what skopeo, podman and registries read) that is
 * also a {@code docker save} archive ({@code manifest.json}, what {@code docker load} reads),
 * holding exactly one image and its tags. Entries come in a fixed order with fixed times and
 * owners, so the same image gives the same bytes. The file is written under a temporary name and
 * renamed when complete; an interrupted or failed write leaves no truncated archive.
 */
final class ArchiveWriter {

    /** Archive entries carry no time of their own. */
    private static final long MTIME = 0;

    private static final int BUFFER = 1 << 16;

    private final ShutdownCleanup cleanup;
    private final OutputDirectory output;
    private final Console console;

    ArchiveWriter(ShutdownCleanup cleanup, OutputDirectory output, Console console) {
        this.cleanup = cleanup;
        this.output = output;
        this.console = console;
    }

    /** Writes {@code image} with {@code references} to {@code target}; returns the file's SHA-256. */
    String write(OciImage image, List<String> references, Path target, ReleaseRequest.Compression compression) {
        Path temporary = target.resolveSibling("." + target.getFileName() + ".partial");
        output.createDirectories(target.getParent());
        MessageDigest sha = Sha256.newDigest();
        long total =
                image.layers().stream().mapToLong(layer -> layer.blob().size()).sum();
        Progress progress = new Progress(console, "Writing " + target.getFileName(), total);
        try (ShutdownCleanup.Registration undo =
                cleanup.register("partial archive " + temporary, () -> deleteQuietly(temporary))) {
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(temporary), BUFFER);
                    DigestOutputStream hashed = new DigestOutputStream(file, sha);
                    OutputStream archive = compression == ReleaseRequest.Compression.GZIP
                            ? new ParallelGzipOutputStream(hashed)
                            : hashed) {
                TarWriter tar = new TarWriter(archive);
                writeLayout(tar, image, references, progress);
                tar.close();
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return Sha256.hex(sha);
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new OpenImException(
                    "Cannot write the archive " + target + ": " + e.getMessage()
                            + ". Free disk space or point " + Setting.OUT_DIR.describe()
                            + " at a writable directory with room.",
                    e);
        } catch (RuntimeException e) {
            deleteQuietly(temporary);
            throw e;
        }
    }

    private static void writeLayout(TarWriter tar, OciImage image, List<String> references, Progress progress)
            throws IOException {
        tar.addFile(
                "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8), 0644, 0, 0, MTIME);
        tar.addFile("index.json", layoutIndex(image, references), 0644, 0, 0, MTIME);
        tar.addFile("manifest.json", dockerManifest(image, references), 0644, 0, 0, MTIME);
        tar.addDirectory("blobs/", 0755, MTIME);
        tar.addDirectory("blobs/sha256/", 0755, MTIME);
        tar.addFile(blobPath(image.manifest()), image.manifest().content(), 0644, 0, 0, MTIME);
        tar.addFile(blobPath(image.config()), image.config().content(), 0644, 0, 0, MTIME);
        Set<String> written = new LinkedHashSet<>();
        for (Layer layer : image.layers()) {
            Blob blob = layer.blob();
            // A layer listed twice (rare, but valid) is stored once.
            if (written.add(blob.digest())) {
                try (InputStream in = progress.counting(blob.open())) {
                    tar.addFile(blobPath(blob), in, blob.size(), 0644, MTIME);
                }
            }
        }
    }

    /** What {@code docker load} reads: the config, every tag, the layers in order. */
    private static byte[] dockerManifest(OciImage image, List<String> references) {
        var root = OciJson.JSON.createArrayNode();
        var entry = root.addObject();
        entry.put("Config", blobPath(image.config()));
        var tags = entry.putArray("RepoTags");
        references.forEach(tags::add);
        var layers = entry.putArray("Layers");
        List<String> paths = new ArrayList<>();
        image.layers().forEach(layer -> paths.add(blobPath(layer.blob())));
        paths.forEach(layers::add);
        return OciJson.bytes(root);
    }

    /** The layout's index: the manifest once per reference, with its platform and name. */
    private static byte[] layoutIndex(OciImage image, List<String> references) {
        List<Descriptor> manifests = new ArrayList<>();
        for (String reference : references) {
            manifests.add(Descriptor.of(image.manifest())
                    .withPlatform(image.platform())
                    .withAnnotations(Map.of(
                            "io.containerd.image.name",
                            reference,
                            "org.opencontainers.image.ref.name",
                            reference.substring(reference.lastIndexOf(':') + 1))));
        }
        return OciIndex.of(manifests, Map.of()).content();
    }

    static String blobPath(Blob blob) {
        return "blobs/sha256/" + blob.hex();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // In the plugin's own directory; the next write replaces it.
        }
    }
}
