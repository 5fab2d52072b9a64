package io.openim.maven.release;

import io.openim.maven.BuildFailedException;
import io.openim.maven.OpenImException;
import io.openim.maven.docker.DockerEngine;
import io.openim.maven.docker.ImageInfo;
import io.openim.maven.oci.Blob;
import io.openim.maven.oci.Layer;
import io.openim.maven.oci.MediaTypes;
import io.openim.maven.oci.OciImage;
import io.openim.maven.oci.OciJson;
import io.openim.maven.oci.OciManifest;
import io.openim.maven.oci.Platform;
import io.openim.maven.process.OutputDirectory;
import io.openim.maven.process.ShutdownCleanup;
import io.openim.maven.setting.Setting;
import io.openim.maven.util.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.commons.io.file.PathUtils;

/**
 * Makes one release image per binary and platform and archives it into
 * {@code _output/release-images/ARCH/NAME.tar} beside its {@code .docker_tag} and the directory's
 * {@code SHA256SUMS}. An image is the platform's base plus one layer holding the binary, put
 * together here from files, without a build in the engine and without tags in it, so what an
 * archive holds is exactly what this run made, whatever other checkouts do on the same engine. Only
 * a per-binary Dockerfile is built by the engine. The engine is opened only when a base must be
 * taken from it or a Dockerfile built.
 */
public final class ReleaseImageService {

    public static final String LABEL_BINARY = "io.openim.binary";

    /** Marks the engine images of one run, so an interrupted run can find even those it never heard of. */
    public static final String LABEL_RUN = "io.openim.run";

    private final Supplier<DockerEngine> engine;
    private final Console console;
    private final ShutdownCleanup cleanup;
    private final OutputDirectory output;

    public ReleaseImageService(
            Supplier<DockerEngine> engine, Console console, ShutdownCleanup cleanup, OutputDirectory output) {
        this.engine = engine;
        this.console = console;
        this.cleanup = cleanup;
        this.output = output;
    }

    public List<ReleaseArchive> release(ReleaseRequest request) {
        List<ReleaseBinary> binaries = BinaryScanner.scan(request.binRoot(), request.images(), request.platforms());
        request.metadata().notes().forEach(console::info);
        Map<Platform, BaseImage> bases = resolveBases(request, binaries);
        console.info("Making " + binaries.size() + " release image(s) with up to " + request.threads() + " at a time");
        Path blobs = output.createDirectories(request.workDirectory().resolve("blobs"));
        String run = UUID.randomUUID().toString();
        List<String> engineImages = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(request.threads(), binaries.size()), runnable -> {
            Thread thread = new Thread(runnable, "openim-release-image");
            thread.setDaemon(true);
            return thread;
        });
        // On Ctrl-C: stop the work, let what the engine is finishing land, then remove it all.
        ShutdownCleanup.Registration undo =
                cleanup.register("release images of this run", () -> removeRunImages(pool, run, blobs));
        try {
            List<Future<ReleaseArchive>> futures = new ArrayList<>();
            for (ReleaseBinary binary : binaries) {
                futures.add(pool.submit(
                        () -> releaseOne(request, binary, bases.get(binary.platform()), run, blobs, engineImages)));
            }
            List<ReleaseArchive> archives = collect(request, futures);
            if (request.keepImages()) {
                load(archives);
            }
            return archives;
        } finally {
            if (!cleanup.interrupted()) {
                pool.shutdownNow();
                awaitQuietly(pool);
                // Only once every build is done: removing an engine image also prunes its untagged
                // parent layers, which a parallel build may be reusing at that moment.
                removeImages(engineImages);
                deleteQuietly(blobs);
                undo.close();
            }
        }
    }

    /**
     * Every platform's base for the generated images, checked before anything is written; bases
     * not kept yet are taken from the engine side by side.
     */
    private Map<Platform, BaseImage> resolveBases(ReleaseRequest request, List<ReleaseBinary> binaries) {
        Map<Platform, BaseImage> bases = new TreeMap<>();
        Map<Platform, String> wanted = new TreeMap<>();
        for (ReleaseBinary binary : binaries) {
            if (!Files.isRegularFile(DockerfileImages.dockerfileOf(request, binary))) {
                String reference = request.baseFor(binary.platform());
                if (BaseImage.SCRATCH.equals(reference)) {
                    bases.put(binary.platform(), BaseImage.scratch());
                } else {
                    wanted.put(binary.platform(), reference);
                }
            }
        }
        if (wanted.isEmpty()) {
            return bases;
        }
        BaseImageStore store = new BaseImageStore(engine.get(), console, request.baseCache(), output);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(wanted.size(), request.threads()), runnable -> {
            Thread thread = new Thread(runnable, "openim-base-image");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Map<Platform, Future<BaseImage>> futures = new TreeMap<>();
            wanted.forEach((platform, reference) -> futures.put(
                    platform, pool.submit(() -> store.resolve(reference, platform, request.pullBaseImage()))));
            for (Map.Entry<Platform, Future<BaseImage>> future : futures.entrySet()) {
                bases.put(future.getKey(), future.getValue().get());
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime
                    ? runtime
                    : new OpenImException(String.valueOf(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpenImException("Interrupted while taking the base images from the engine");
        } finally {
            pool.shutdownNow();
        }
        store.pruneUnused();
        return bases;
    }

    private List<ReleaseArchive> collect(ReleaseRequest request, List<Future<ReleaseArchive>> futures) {
        List<ReleaseArchive> archives = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        RuntimeException firstFailure = null;
        try {
            for (Future<ReleaseArchive> future : futures) {
                try {
                    archives.add(future.get());
                } catch (ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException runtime
                            ? runtime
                            : new OpenImException(String.valueOf(e.getCause()), e.getCause());
                    failures.add(cause.getMessage());
                    firstFailure = firstFailure == null ? cause : firstFailure;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpenImException("Interrupted while making release images");
        }
        writeChecksums(request, archives);
        if (firstFailure != null) {
            String message = String.join("\n\n", failures)
                    + (archives.isEmpty()
                            ? ""
                            : "\n\nThese archives completed and are valid: "
                                    + archives.stream()
                                            .map(a -> request.releaseDirectory()
                                                    .relativize(a.file())
                                                    .toString())
                                            .toList());
            throw firstFailure instanceof BuildFailedException
                    ? new BuildFailedException(message)
                    : new OpenImException(message, firstFailure);
        }
        return archives;
    }

    private ReleaseArchive releaseOne(
            ReleaseRequest request,
            ReleaseBinary binary,
            BaseImage base,
            String run,
            Path blobs,
            List<String> engineImages) {
        Path archDir = request.releaseDirectory().resolve(binary.platform().archTag());
        Path archive = archDir.resolve(binary.name() + request.compression().suffix());
        Path sbomFile = ImageSboms.fileFor(archDir, binary);
        // An archive or SBOM of an earlier run must not outlive a failure of this one under the same name.
        deleteQuietly(archive);
        deleteQuietly(sbomFile);
        long start = System.nanoTime();
        boolean ownDockerfile = Files.isRegularFile(DockerfileImages.dockerfileOf(request, binary));
        OciImage image = ownDockerfile
                ? new DockerfileImages(engine.get(), console, cleanup, output)
                        .build(
                                request,
                                binary,
                                request.baseFor(binary.platform()),
                                Map.of(LABEL_RUN, run),
                                blobs,
                                engineImages)
                : assemble(request, binary, base, blobs);
        List<String> references = request.references(binary);
        String sha =
                new ArchiveWriter(cleanup, output, console).write(image, references, archive, request.compression());
        ImageSboms.Written sbom = ImageSboms.write(request, binary, image, references.get(0), sbomFile, console);
        try {
            Files.writeString(
                    archDir.resolve(binary.name() + ".docker_tag"), references.get(0) + "\n", StandardCharsets.UTF_8);
            console.info("Archived " + references.get(0) + " (" + image.platform() + ", image "
                    + BaseImageStore.shortId(image.imageId()) + ") to " + archive + " (" + Files.size(archive)
                    + " bytes, " + (System.nanoTime() - start) / 1_000_000 + " ms)");
        } catch (IOException e) {
            throw new OpenImException(
                    "Cannot write the tag file for " + binary.name() + " in " + archDir + ": "
                            + e.getMessage() + ". Free disk space or point " + Setting.OUT_DIR.describe()
                            + " at a writable directory with room.",
                    e);
        }
        return new ReleaseArchive(
                binary,
                references.get(0),
                archive,
                sha,
                image.imageId(),
                sbom == null ? null : sbom.file(),
                sbom == null ? null : sbom.sha256());
    }

    /** The base's layers, then the binary's, under a config that makes the binary the entrypoint. */
    private static OciImage assemble(ReleaseRequest request, ReleaseBinary binary, BaseImage base, Path blobs) {
        Layer binaryLayer;
        try {
            binaryLayer = BinaryLayer.write(binary.file(), binary.name(), request.created(), blobs);
        } catch (IOException | UncheckedIOException e) {
            throw new OpenImException(
                    "Cannot write the layer of " + binary.name() + " in " + blobs + ": "
                            + e.getMessage() + ". Free disk space or point " + Setting.OUT_DIR.describe()
                            + " at a writable directory with room.",
                    e);
        }
        List<Layer> layers = new ArrayList<>(base.layers());
        layers.add(binaryLayer);
        Map<String, String> inherited = base.config() == null
                ? Map.of()
                : OciJson.strings(base.config().path("config").get("Labels"));
        Map<String, String> labels = ImageLabels.of(inherited, true, request, binary, base);
        String path = BinaryLayer.pathOf(binary.name());
        byte[] config = ImageJson.config(
                binary.platform(),
                base.config(),
                layers,
                path,
                labels,
                request.metadata().user(),
                request.created(),
                "openim-maven-plugin: COPY " + binary.name() + " " + path + " (base " + base.reference() + ")");
        Blob configBlob = Blob.inMemory(MediaTypes.CONFIG, config);
        Blob manifest = OciManifest.image(configBlob, layers, ImageLabels.annotations(labels));
        return new OciImage(binary.platform(), configBlob, layers, manifest);
    }

    /** {@code keepImages}: the archives, loaded into the engine, so it has exactly what they hold. */
    private void load(List<ReleaseArchive> archives) {
        for (ReleaseArchive archive : archives) {
            try (InputStream in = Files.newInputStream(archive.file())) {
                engine.get().loadImage(in);
                console.info("Loaded " + archive.image() + " into the engine");
            } catch (IOException e) {
                throw new OpenImException("Cannot read " + archive.file() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Engine images still running after an interrupt would add images nobody removes; let them end first. */
    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The shutdown path: work cut off, a moment for the engine to finish what it had, then removal. */
    private void removeRunImages(ExecutorService pool, String run, Path blobs) {
        pool.shutdownNow();
        try {
            pool.awaitTermination(20, TimeUnit.SECONDS);
            // An image the engine was committing when the connection closed shows up a little later.
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteQuietly(blobs);
        for (ImageInfo image : engine.get().listImages(Map.of(LABEL_RUN, run))) {
            engine.get().removeImage(image.id());
        }
    }

    private void removeImages(List<String> imageIds) {
        synchronized (imageIds) {
            for (String id : imageIds) {
                try {
                    engine.get().removeImage(id);
                } catch (RuntimeException e) {
                    console.warn("Could not remove the intermediate image " + id + " (" + e.getMessage()
                            + "); `mvn openim:clean` removes it.");
                }
            }
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            if (Files.isDirectory(path)) {
                PathUtils.deleteDirectory(path);
            } else {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // In the plugin's own directory; the next run replaces it.
        }
    }

    /** Every architecture directory's SHA256SUMS: new sums in, sums of archives that are gone out. */
    private void writeChecksums(ReleaseRequest request, List<ReleaseArchive> archives) {
        Map<Path, Map<String, String>> byDirectory = new TreeMap<>();
        if (Files.isDirectory(request.releaseDirectory())) {
            try (var dirs = Files.list(request.releaseDirectory())) {
                dirs.filter(dir -> Files.isRegularFile(dir.resolve(Sha256Sums.FILE_NAME)))
                        .forEach(dir -> byDirectory.put(dir, new TreeMap<>()));
            } catch (IOException e) {
                throw new OpenImException("Cannot list " + request.releaseDirectory() + ": " + e.getMessage(), e);
            }
        }
        for (ReleaseArchive archive : archives) {
            Map<String, String> sums =
                    byDirectory.computeIfAbsent(archive.file().getParent(), d -> new TreeMap<>());
            sums.put(archive.file().getFileName().toString(), archive.sha256());
            if (archive.sbom() != null) {
                sums.put(archive.sbom().getFileName().toString(), archive.sbomSha256());
            }
        }
        for (Map.Entry<Path, Map<String, String>> entry : byDirectory.entrySet()) {
            try {
                Sha256Sums.update(entry.getKey(), entry.getValue());
            } catch (IOException e) {
                throw new OpenImException(
                        "Cannot write " + entry.getKey().resolve(Sha256Sums.FILE_NAME) + ": " + e.getMessage(), e);
            }
        }
    }
}
