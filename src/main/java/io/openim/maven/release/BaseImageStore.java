package io.openim.maven.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openim.maven.OpenImException;
import io.openim.maven.docker.DockerEngine;
import io.openim.maven.docker.ImageInfo;
import io.openim.maven.oci.Blob;
import io.openim.maven.oci.Layer;
import io.openim.maven.oci.MediaTypes;
import io.openim.maven.oci.OciJson;
import io.openim.maven.oci.Platform;
import io.openim.maven.process.OutputDirectory;
import io.openim.maven.setting.Setting;
import io.openim.maven.util.Console;
import io.openim.maven.util.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;

/**
 * The runtime base image of each platform, taken from the engine once and kept, compressed, under
 * {@code _output/images/bases/ID/}: the cache is keyed by the image ID, a digest of the image's
 * content, so a kept base is exactly the one the engine has. Later runs read the cache and do not
 * ask the engine for more than the ID.
 */
final class BaseImageStore {

    private final DockerEngine engine;
    private final Console console;
    private final Path cacheRoot;
    private final OutputDirectory output;
    private final Map<String, BaseImage> loaded = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    BaseImageStore(DockerEngine engine, Console console, Path cacheRoot, OutputDirectory output) {
        this.engine = engine;
        this.console = console;
        this.cacheRoot = cacheRoot;
        this.output = output;
    }

    /** The base of {@code platform}; a missing or wrong-platform base is refused with what to do. */
    BaseImage resolve(String reference, Platform platform, boolean pull) {
        if (BaseImage.SCRATCH.equals(reference)) {
            return BaseImage.scratch();
        }
        Optional<ImageInfo> info;
        // One name holds one platform on the engine: a pull for arm64 moves the tag away from the
        // amd64 image. Pull and inspect as one step per name; the image is then used by its ID.
        synchronized (locks.computeIfAbsent("name:" + reference, name -> new Object())) {
            info = engine.inspectImage(reference);
            if (pull && (info.isEmpty() || !matches(info.get(), platform))) {
                console.info("Pulling " + reference + " for " + platform);
                engine.pullImage(reference, platform.toString());
                info = engine.inspectImage(reference);
            }
        }
        if (info.isEmpty()) {
            throw new OpenImException("The runtime base image " + reference + " for " + platform + " is not on the"
                    + " Docker engine and pulling is off. Load it (`docker load`, or `docker pull --platform "
                    + platform
                    + " " + reference + "`), name another with " + Setting.RUNTIME_BASE_IMAGES.describe() + " (e.g. "
                    + platform + "=scratch for a static binary) or " + Setting.RUNTIME_BASE_IMAGE.describe()
                    + ", or set "
                    + Setting.PULL_BASE_IMAGE.describe("true") + ".");
        }
        ImageInfo image = info.get();
        if (!matches(image, platform)) {
            throw new OpenImException("The runtime base image " + reference + " on the engine is "
                    + platformOf(image) + ", not " + platform + ": an image for " + platform + " would get a base of"
                    + " another architecture. Give " + platform + " its own base with "
                    + Setting.RUNTIME_BASE_IMAGES.describe() + " (" + platform + "=IMAGE, or " + platform
                    + "=scratch for a static binary).");
        }
        // One export per image, also when platforms share a base; different bases load side by side.
        synchronized (locks.computeIfAbsent(image.id(), id -> new Object())) {
            BaseImage base = loaded.get(image.id());
            if (base == null) {
                base = load(reference, image);
                loaded.put(image.id(), base);
            }
            return base;
        }
    }

    static boolean matches(ImageInfo image, Platform platform) {
        if (image.architecture() == null) {
            return true;
        }
        boolean variantOk = platform.variant() == null
                || image.variant() == null
                || platform.variant().equals(image.variant());
        return platform.os().equals(image.os() == null ? "linux" : image.os())
                && platform.architecture().equals(image.architecture())
                && variantOk;
    }

    private static String platformOf(ImageInfo image) {
        return (image.os() == null ? "linux" : image.os()) + "/" + image.architecture()
                + (image.variant() == null ? "" : "/" + image.variant());
    }

    private BaseImage load(String reference, ImageInfo image) {
        Path directory = cacheRoot.resolve(image.id().replace("sha256:", ""));
        Path index = directory.resolve("layers.json");
        try {
            if (Files.isRegularFile(index)) {
                try {
                    return fromCache(reference, directory, index);
                } catch (IOException | RuntimeException damaged) {
                    console.warn("The kept copy of " + reference + " in " + directory + " is damaged ("
                            + damaged.getMessage() + "); taking it from the engine again");
                }
            }
            output.createDirectories(cacheRoot);
            Path staging = Files.createTempDirectory(cacheRoot, ".export-");
            try {
                SavedImage saved = export(image, staging);
                writeIndex(staging, saved);
                Files.write(staging.resolve("config.json"), saved.configBytes());
                if (Files.exists(directory)) {
                    PathUtils.deleteDirectory(directory);
                }
                Files.move(staging, directory, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                if (Files.exists(staging)) {
                    PathUtils.deleteDirectory(staging);
                }
            }
            return fromCache(reference, directory, index);
        } catch (IOException | UncheckedIOException e) {
            throw new OpenImException(
                    "Cannot keep the base image " + reference + " in " + directory + ": "
                            + e.getMessage() + ". Free disk space or point " + Setting.OUT_DIR.describe()
                            + " at a writable directory with room.",
                    e);
        }
    }

    /** Streams {@code docker save} of the image (by ID, never by a tag another run could move). */
    private SavedImage export(ImageInfo image, Path staging) throws IOException {
        console.info(
                "Taking the base image " + shortId(image.id()) + " from the engine (once; kept in " + cacheRoot + ")");
        Progress progress = new Progress(console, "Exporting " + shortId(image.id()), Math.max(image.size(), 1));
        ExecutorService pump = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "openim-base-export");
            thread.setDaemon(true);
            return thread;
        });
        try (PipedInputStream in = new PipedInputStream(1 << 16)) {
            PipedOutputStream out = new PipedOutputStream(in);
            Future<?> save = pump.submit(() -> {
                try (OutputStream counted = progress.counting(out)) {
                    engine.saveImage(List.of(image.id()), counted);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            });
            SavedImage saved;
            try {
                saved = SavedImage.read(in, staging.resolve("layers"), null);
            } catch (IOException | RuntimeException e) {
                save.cancel(true);
                throw e;
            }
            save.get();
            return saved;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpenImException("Interrupted while taking the base image from the engine");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime
                    ? runtime
                    : new OpenImException(String.valueOf(e.getCause()), e.getCause());
        } finally {
            pump.shutdownNow();
        }
    }

    private static void writeIndex(Path directory, SavedImage saved) throws IOException {
        ArrayNode list = OciJson.JSON.createArrayNode();
        for (Layer layer : saved.layers()) {
            ObjectNode entry = list.addObject();
            entry.put("diffId", layer.diffId());
            entry.put("digest", layer.blob().digest());
            entry.put("size", layer.blob().size());
        }
        Files.write(directory.resolve("layers.json"), OciJson.bytes(list));
    }

    private static BaseImage fromCache(String reference, Path directory, Path index) throws IOException {
        ObjectNode config = OciJson.parse(Files.readAllBytes(directory.resolve("config.json")));
        List<Layer> layers = new ArrayList<>();
        try (InputStream in = Files.newInputStream(index)) {
            for (JsonNode entry : OciJson.JSON.readTree(in)) {
                String digest = entry.get("digest").asText();
                Path file = directory.resolve("layers").resolve(digest.substring(7) + ".tar.gz");
                if (!Files.isRegularFile(file)
                        || Files.size(file) != entry.get("size").asLong()) {
                    throw new IOException("the layer " + file.getFileName() + " is missing or has another size");
                }
                layers.add(new Layer(
                        Blob.onDisk(
                                MediaTypes.LAYER_GZIP, digest, entry.get("size").asLong(), file),
                        entry.get("diffId").asText()));
            }
        }
        return new BaseImage(reference, "sha256:" + directory.getFileName(), config, layers);
    }

    /** Deletes kept bases this run did not use: a base rebuilt under the same tag has a new ID. */
    void pruneUnused() {
        if (!Files.isDirectory(cacheRoot)) {
            return;
        }
        Set<String> used = new HashSet<>();
        loaded.keySet().forEach(id -> used.add(id.replace("sha256:", "")));
        try (Stream<Path> entries = Files.list(cacheRoot)) {
            for (Path entry : entries.toList()) {
                if (!used.contains(entry.getFileName().toString())) {
                    PathUtils.deleteDirectory(entry);
                }
            }
        } catch (IOException e) {
            console.debug("Could not prune " + cacheRoot + ": " + e.getMessage());
        }
    }

    static String shortId(String id) {
        String bare = id.startsWith("sha256:") ? id.substring(7) : id;
        return bare.substring(0, Math.min(12, bare.length()));
    }
}
