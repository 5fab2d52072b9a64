package io.openim.maven.release;

import io.openim.maven.BuildFailedException;
import io.openim.maven.OpenImException;
import io.openim.maven.docker.DockerEngine;
import io.openim.maven.docker.EngineBuildException;
import io.openim.maven.docker.ImageBuildRequest;
import io.openim.maven.oci.Blob;
import io.openim.maven.oci.MediaTypes;
import io.openim.maven.oci.OciImage;
import io.openim.maven.oci.OciJson;
import io.openim.maven.oci.OciManifest;
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
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Release images from a per-binary Dockerfile ({@code build/images/NAME/Dockerfile}), whose steps
 * the engine has to carry out: built for the binary's platform, saved by image ID (never by a tag
 * another run could move), turned into the plugin's own image with its creation times set to the
 * release's, and removed from the engine.
 */
final class DockerfileImages {

    private final DockerEngine engine;
    private final Console console;
    private final ShutdownCleanup cleanup;
    private final OutputDirectory output;
    private final String engineArchitecture;

    DockerfileImages(DockerEngine engine, Console console, ShutdownCleanup cleanup, OutputDirectory output) {
        this.engine = engine;
        this.console = console;
        this.cleanup = cleanup;
        this.output = output;
        this.engineArchitecture = engine.version().arch();
    }

    static Path dockerfileOf(ReleaseRequest request, ReleaseBinary binary) {
        return request.imagesDirectory().resolve(binary.name()).resolve("Dockerfile");
    }

    /**
     * Builds and takes the image; its engine image ID goes to {@code built}, for the caller to remove
     * once every build is done (removing one earlier could prune a layer a parallel build reuses).
     */
    OciImage build(
            ReleaseRequest request,
            ReleaseBinary binary,
            String base,
            Map<String, String> runLabels,
            Path blobDirectory,
            List<String> built) {
        Path dockerfile = dockerfileOf(request, binary);
        console.info("Using " + dockerfile + " for " + binary.name() + " (" + binary.platform() + ")");
        Path contextTar = request.workDirectory().resolve(binary.imageName() + ".context.tar");
        String imageId = null;
        ShutdownCleanup.Registration undoContext =
                cleanup.register("image context " + contextTar, () -> deleteQuietly(contextTar));
        try {
            writeContext(dockerfile.getParent(), binary, contextTar);
            // The image's own labels stay; the engine-only ones (checkout, run) are taken out again.
            Map<String, String> labels = new LinkedHashMap<>(request.imageLabels());
            labels.put(ReleaseImageService.LABEL_BINARY, binary.name());
            labels.putAll(request.engineLabels());
            labels.putAll(runLabels);
            Map<String, String> args = Map.of("BASE_IMAGE", base, "BINARY_NAME", binary.name());
            try (InputStream context = Files.newInputStream(contextTar)) {
                imageId = engine.buildImage(
                        new ImageBuildRequest(
                                List.of(),
                                args,
                                labels,
                                request.pullBaseImage(),
                                binary.platform().toString()),
                        context,
                        line -> console.debug("[" + binary.imageName() + "] " + line));
            }
            built.add(imageId);
        } catch (EngineBuildException e) {
            // The engine adapter has removed the images of the steps that worked.
            throw failedBuild(binary, dockerfile, e);
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
        SavedImage saved = save(imageId, blobDirectory, request.created().getEpochSecond());
        Set<String> engineOnly = new HashSet<>(request.engineLabels().keySet());
        engineOnly.removeAll(request.imageLabels().keySet());
        engineOnly.addAll(runLabels.keySet());
        // The base a Dockerfile starts from is its own business: no base.* labels for these images.
        byte[] config = ImageJson.reproducible(
                saved.config(),
                request.created(),
                saved.layers(),
                engineOnly,
                kept -> ImageLabels.of(kept, false, request, binary, null),
                request.metadata().user());
        Blob configBlob = Blob.inMemory(MediaTypes.CONFIG, config);
        Map<String, String> labels =
                OciJson.strings(OciJson.parse(config).path("config").get("Labels"));
        Blob manifest = OciManifest.image(configBlob, saved.layers(), ImageLabels.annotations(labels));
        return new OciImage(binary.platform(), configBlob, saved.layers(), manifest);
    }

    private BuildFailedException failedBuild(ReleaseBinary binary, Path dockerfile, EngineBuildException e) {
        String error = e.engineError() == null ? "" : e.engineError();
        boolean foreign = !binary.platform().architecture().equals(engineArchitecture);
        boolean cannotRun = e.lastLines().stream()
                .anyMatch(line -> line.toLowerCase(Locale.ROOT).contains("exec format error"));
        if (foreign && cannotRun) {
            return new BuildFailedException(dockerfile + " has steps (RUN) that must run on " + binary.platform()
                    + ", and this engine (" + engine.version().os() + "/" + engineArchitecture + ") cannot run "
                    + binary.platform() + " programs. Register QEMU emulation on the engine's host (binfmt_misc, e.g."
                    + " the qemu-user-static package), build on a " + binary.platform() + " engine, or give the image"
                    + " no RUN steps (COPY, ENV, LABEL, ENTRYPOINT need none)."
                    + LastLines.format("Last lines", e.lastLines()));
        }
        return new BuildFailedException(
                "The release image for " + binary.name() + " (" + binary.platform() + ") failed to build from "
                        + dockerfile + ": " + error + LastLines.format("Last lines", e.lastLines()));
    }

    /** The Dockerfile's directory (without a stale copy of the binary) and the binary itself. */
    private void writeContext(Path directory, ReleaseBinary binary, Path target) throws IOException {
        output.createDirectories(target.getParent());
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16);
                TarWriter tar = new TarWriter(out)) {
            for (String name : FileTree.regularFiles(
                    directory, "the image directory of " + binary.name(), "Fix its permissions.")) {
                if (!name.equals(binary.name())) {
                    Path file = directory.resolve(name);
                    tar.addFile(name, Files.readAllBytes(file), Files.isExecutable(file) ? 0755 : 0644, 0, 0);
                }
            }
            tar.addFile(binary.name(), binary.file(), 0755);
        }
    }

    /** Streams {@code docker save} of the built image straight into blobs. */
    private SavedImage save(String imageId, Path blobDirectory, long layerTime) {
        try (PipedInputStream in = new PipedInputStream(1 << 16)) {
            PipedOutputStream out = new PipedOutputStream(in);
            CompletableFuture<Void> save = CompletableFuture.runAsync(() -> {
                try (OutputStream pipe = out) {
                    engine.saveImage(List.of(imageId), pipe);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            SavedImage saved = SavedImage.read(in, blobDirectory, layerTime);
            save.join();
            return saved;
        } catch (IOException e) {
            throw new OpenImException(
                    "Cannot take the built image " + imageId + " from the engine: " + e.getMessage(), e);
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime
                    ? runtime
                    : new OpenImException(String.valueOf(e.getCause()), e.getCause());
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // In the plugin's own work directory; the next run overwrites it.
        }
    }
}
