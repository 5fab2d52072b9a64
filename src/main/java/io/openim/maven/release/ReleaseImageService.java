package io.openim.maven.release;

import io.openim.maven.BuildFailedException;
import io.openim.maven.OpenImException;
import io.openim.maven.docker.DockerEngine;
import io.openim.maven.docker.EngineBuildException;
import io.openim.maven.docker.ImageBuildRequest;
import io.openim.maven.docker.ImageInfo;
import io.openim.maven.process.OutputDirectory;
import io.openim.maven.process.ShutdownCleanup;
import io.openim.maven.setting.Setting;
import io.openim.maven.util.Console;
import io.openim.maven.util.FileTree;
import io.openim.maven.util.LastLines;
import io.openim.maven.util.TarWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Builds one runtime image per binary, in parallel, and archives each with {@code docker save}
 * into {@code _output/release-images/ARCH/NAME.tar} beside its {@code .docker_tag} and the
 * directory's {@code SHA256SUMS}.
 */
public final class ReleaseImageService {

    public static final String LABEL_BINARY = "io.openim.binary";

    /** Marks the images of one run, so an interrupted run can find even those it never heard of. */
    public static final String LABEL_RUN = "io.openim.run";

    private final DockerEngine engine;
    private final Console console;
    private final ShutdownCleanup cleanup;
    private final OutputDirectory output;

    public ReleaseImageService(DockerEngine engine, Console console, ShutdownCleanup cleanup, OutputDirectory output) {
        this.engine = engine;
        this.console = console;
        this.cleanup = cleanup;
        this.output = output;
    }

    public List<ReleaseArchive> release(ReleaseRequest request) {
        List<ReleaseBinary> binaries = BinaryScanner.scan(request.binRoot(), request.images(), request.platforms());
        boolean generatedDockerfileNeeded =
                binaries.stream().anyMatch(b -> !Files.isRegularFile(perBinaryDockerfile(request, b)));
        if (generatedDockerfileNeeded
                && !request.pullBaseImage()
                && engine.inspectImage(request.baseImage()).isEmpty()) {
            throw new OpenImException("The runtime base image " + request.baseImage() + " is not on the Docker engine"
                    + " and pulling is off. Build or load it first, set " + Setting.RUNTIME_BASE_IMAGE.describe()
                    + " to an image you have, or set " + Setting.PULL_BASE_IMAGE.describe("true") + ".");
        }
        console.info(
                "Building " + binaries.size() + " release image(s) with up to " + request.threads() + " in parallel");
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(request.threads(), binaries.size()), runnable -> {
            Thread thread = new Thread(runnable, "openim-release-image");
            thread.setDaemon(true);
            return thread;
        });
        List<Future<ReleaseArchive>> futures = new ArrayList<>();
        List<String> builtImages = Collections.synchronizedList(new ArrayList<>());
        String run = UUID.randomUUID().toString();
        // On Ctrl-C: stop the builds, let those the engine is finishing land, then remove them all.
        ShutdownCleanup.Registration undo =
                cleanup.register("release images of this run", () -> removeRunImages(pool, run));
        try {
            for (ReleaseBinary binary : binaries) {
                futures.add(pool.submit(() -> releaseOne(request, binary, run, builtImages)));
            }
            List<ReleaseArchive> archives = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            RuntimeException firstFailure = null;
            for (int i = 0; i < futures.size(); i++) {
                try {
                    archives.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException runtime
                            ? runtime
                            : new OpenImException(String.valueOf(e.getCause()), e.getCause());
                    failures.add(cause.getMessage());
                    firstFailure = firstFailure == null ? cause : firstFailure;
                }
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
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpenImException("Interrupted while building release images");
        } finally {
            if (!cleanup.interrupted()) {
                pool.shutdownNow();
                awaitQuietly(pool);
                if (!request.keepImages()) {
                    // Only once every build is done: removing an image also prunes its untagged parent
                    // layers, which a parallel build may be reusing from the cache at that moment.
                    removeImages(builtImages);
                }
                undo.close();
            }
        }
    }

    /** The shutdown path: builds cut off, a moment for the engine to finish what it had, then removal. */
    private void removeRunImages(ExecutorService pool, String run) {
        pool.shutdownNow();
        try {
            pool.awaitTermination(20, TimeUnit.SECONDS);
            // An image the engine was committing when the connection closed shows up a little later.
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ImageInfo image : engine.listImages(Map.of(LABEL_RUN, run))) {
            engine.removeImage(image.id());
        }
    }

    /** Builds still running after an interrupt would add images nobody removes; let them end first. */
    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void removeImages(List<String> imageIds) {
        synchronized (imageIds) {
            for (String id : imageIds) {
                try {
                    engine.removeImage(id);
                } catch (RuntimeException e) {
                    console.warn("Could not remove release image " + id + ": " + e.getMessage());
                }
            }
        }
    }

    private ReleaseArchive releaseOne(
            ReleaseRequest request, ReleaseBinary binary, String run, List<String> builtImages) {
        String repository = request.registry() + "/" + binary.imageName();
        String image = repository + ":" + request.tag();
        Path contextTar = request.workDirectory().resolve(binary.imageName() + ".context.tar");
        String imageId;
        List<String> tags = new ArrayList<>();
        tags.add(image);
        request.extraTags().forEach(extra -> tags.add(repository + ":" + extra));
        ShutdownCleanup.Registration undoContext =
                cleanup.register("image context " + contextTar, () -> deleteQuietly(contextTar));
        try {
            writeContext(request, binary, contextTar);
            Map<String, String> labels = new LinkedHashMap<>(request.labels());
            labels.put(LABEL_BINARY, binary.name());
            labels.put(LABEL_RUN, run);
            Map<String, String> args = Map.of("BASE_IMAGE", request.baseImage(), "BINARY_NAME", binary.name());
            try (InputStream context = Files.newInputStream(contextTar)) {
                imageId = engine.buildImage(
                        new ImageBuildRequest(tags, args, labels, request.pullBaseImage()),
                        context,
                        line -> console.debug("[" + binary.imageName() + "] " + line));
            }
            builtImages.add(imageId);
        } catch (EngineBuildException e) {
            throw new BuildFailedException("The release image for " + binary.name() + " (" + binary.platform()
                    + ") failed to build: " + e.engineError() + LastLines.format("Last lines", e.lastLines()));
        } catch (IOException | UncheckedIOException e) {
            throw new OpenImException(
                    "Cannot write the image context " + contextTar + " for " + binary.name() + ": "
                            + e.getMessage() + ". Free disk space or point " + Setting.OUT_DIR.describe()
                            + " at a writable directory with room.",
                    e);
        } finally {
            deleteQuietly(contextTar);
            undoContext.close();
        }
        try {
            Path archDir = request.releaseDirectory().resolve(binary.arch());
            Path archive = archDir.resolve(binary.name() + request.compression().suffix());
            long start = System.nanoTime();
            String sha = new ArchiveWriter(engine, cleanup, output).save(tags, archive, request.compression());
            Files.writeString(archDir.resolve(binary.name() + ".docker_tag"), image + "\n", StandardCharsets.UTF_8);
            console.info("Archived " + image + " to " + archive + " (" + Files.size(archive) + " bytes, "
                    + (System.nanoTime() - start) / 1_000_000 + " ms)");
            return new ReleaseArchive(binary, image, archive, sha);
        } catch (IOException e) {
            throw new OpenImException(
                    "Cannot write the tag file for " + binary.name() + " in "
                            + request.releaseDirectory() + ": " + e.getMessage() + ". Free disk space or point "
                            + Setting.OUT_DIR.describe() + " at a writable directory with room.",
                    e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover in the plugin's own work directory; the next run overwrites it.
        }
    }

    private static Path perBinaryDockerfile(ReleaseRequest request, ReleaseBinary binary) {
        return request.imagesDirectory().resolve(binary.name()).resolve("Dockerfile");
    }

    /** The per-binary Dockerfile's directory, or a generated Dockerfile, plus the binary itself. */
    private void writeContext(ReleaseRequest request, ReleaseBinary binary, Path target) throws IOException {
        output.createDirectories(target.getParent());
        Path custom = perBinaryDockerfile(request, binary);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16);
                TarWriter tar = new TarWriter(out)) {
            if (Files.isRegularFile(custom)) {
                console.info("Using " + custom + " for " + binary.name());
                Path directory = custom.getParent();
                for (String name : FileTree.regularFiles(
                        directory, "the image directory of " + binary.name(), "Fix its permissions.")) {
                    if (!name.equals(binary.name())) {
                        Path file = directory.resolve(name);
                        tar.addFile(name, Files.readAllBytes(file), Files.isExecutable(file) ? 0755 : 0644, 0, 0);
                    }
                }
            } else {
                tar.addFile(
                        "Dockerfile", generatedDockerfile(binary.name()).getBytes(StandardCharsets.UTF_8), 0644, 0, 0);
            }
            tar.addFile(binary.name(), binary.file(), 0755);
        }
    }

    static String generatedDockerfile(String binaryName) {
        return String.join(
                "\n",
                "ARG BASE_IMAGE",
                "FROM ${BASE_IMAGE}",
                "ARG BINARY_NAME",
                "COPY ${BINARY_NAME} /usr/local/bin/${BINARY_NAME}",
                "ENTRYPOINT [\"/usr/local/bin/" + binaryName + "\"]",
                "");
    }

    private void writeChecksums(ReleaseRequest request, List<ReleaseArchive> archives) {
        Map<Path, Map<String, String>> byDirectory = new TreeMap<>();
        for (ReleaseArchive archive : archives) {
            byDirectory
                    .computeIfAbsent(archive.file().getParent(), d -> new TreeMap<>())
                    .put(archive.file().getFileName().toString(), archive.sha256());
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
