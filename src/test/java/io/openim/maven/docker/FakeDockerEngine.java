package io.openim.maven.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An in-memory {@link DockerEngine} for service tests. It keeps images, containers and volumes
 * in insertion order, records what was asked of it, and can be told to fail a build or to let
 * containers exit with a given code and output. Ids are deterministic ("image-1", "container-1").
 * Every method is synchronized, so services that call the engine from several threads can use it.
 */
public final class FakeDockerEngine implements DockerEngine {

    /** A copy into a container: where it went and the bytes of the tar. */
    public record Copy(String containerId, String path, byte[] tar) {}

    /** A mutable container, so start and run can change its state. */
    private static final class Container {
        final String id;
        final String name;
        final Map<String, String> labels;
        final String image;
        String state;
        int exitCode;

        Container(String id, String name, Map<String, String> labels, String image, String state, int exitCode) {
            this.id = id;
            this.name = name;
            this.labels = labels == null ? Map.of() : Map.copyOf(labels);
            this.image = image;
            this.state = state;
            this.exitCode = exitCode;
        }

        ContainerInfo info() {
            return new ContainerInfo(id, name, labels, state, exitCode, image);
        }
    }

    private final String host;
    private EngineVersion version = new EngineVersion("24.0.7", "1.43", "linux", "amd64");
    private boolean rootless;
    private EngineBuildException buildFailure;
    private final Map<String, EngineBuildException> buildFailuresByTag = new LinkedHashMap<>();
    private int containerExitCode;
    private List<String> containerOutput = List.of();
    private Integer publishedPort;
    private String startFailure;
    private EngineException.Reason startFailureReason = EngineException.Reason.OTHER;

    private final Map<String, ImageInfo> images = new LinkedHashMap<>();
    private final Map<String, Container> containers = new LinkedHashMap<>();
    private final Map<String, VolumeInfo> volumes = new LinkedHashMap<>();
    private int nextImage = 1;
    private int nextContainer = 1;

    /** Every build request, in order. */
    public final List<ImageBuildRequest> builtRequests = new ArrayList<>();
    /** The context tar of every build, in order. */
    public final List<byte[]> buildContexts = new ArrayList<>();

    public final List<ContainerSpec> createdSpecs = new ArrayList<>();
    public final List<String> startedContainers = new ArrayList<>();
    public final List<String> removedContainers = new ArrayList<>();
    public final List<String> removedImages = new ArrayList<>();
    public final List<String> removedVolumes = new ArrayList<>();
    public final List<String> createdVolumes = new ArrayList<>();
    public final List<Copy> copies = new ArrayList<>();
    private boolean closed;

    public FakeDockerEngine() {
        this("unix:///fake/docker.sock");
    }

    public FakeDockerEngine(String host) {
        this.host = host;
    }

    // ---- configuration ------------------------------------------------------------------

    public synchronized FakeDockerEngine withApiVersion(String apiVersion) {
        version = new EngineVersion("fake", apiVersion, "linux", "amd64");
        return this;
    }

    public synchronized FakeDockerEngine withRootless(boolean value) {
        rootless = value;
        return this;
    }

    /** Makes the next and all later builds fail with this error and these last lines. */
    public synchronized FakeDockerEngine failBuilds(String engineError, List<String> lastLines) {
        return failBuilds(engineError, EngineException.Reason.OTHER, lastLines);
    }

    public synchronized FakeDockerEngine failBuilds(
            String engineError, EngineException.Reason reason, List<String> lastLines) {
        buildFailure = new EngineBuildException(engineError, reason, lastLines);
        return this;
    }

    /** Makes every build that would carry {@code tag} fail; other builds still succeed. */
    public synchronized FakeDockerEngine failBuildsTagged(String tag, String engineError, List<String> lastLines) {
        buildFailuresByTag.put(tag, new EngineBuildException(engineError, lastLines));
        return this;
    }

    /** The exit code and output of every container passed to {@link #attachOutput}. */
    public synchronized FakeDockerEngine withContainerRun(int exitCode, List<String> outputLines) {
        containerExitCode = exitCode;
        containerOutput = List.copyOf(outputLines);
        return this;
    }

    /** Makes every container start fail with an engine error of this message and reason. */
    public synchronized FakeDockerEngine failStarts(String message, EngineException.Reason reason) {
        startFailure = message;
        startFailureReason = reason;
        return this;
    }

    public synchronized FakeDockerEngine failStarts(String message) {
        return failStarts(message, EngineException.Reason.OTHER);
    }

    public synchronized FakeDockerEngine withPublishedPort(Integer port) {
        publishedPort = port;
        return this;
    }

    // ---- seeding ------------------------------------------------------------------------

    public synchronized FakeDockerEngine addImage(String id, List<String> tags, Map<String, String> labels) {
        images.put(id, new ImageInfo(id, tags, labels));
        return this;
    }

    /** An image of a platform whose {@code docker save} gives {@code saved}, a real archive. */
    public synchronized FakeDockerEngine addSavedImage(
            String id, List<String> tags, String os, String architecture, byte[] saved) {
        images.put(id, new ImageInfo(id, tags, Map.of(), os, architecture, null, List.of(), saved.length));
        savedArchives.put(id, saved);
        return this;
    }

    /**
     * What {@link #pullImage} for {@code os/architecture} makes appear. Like a real engine, the
     * tag moves to the pulled image: one name holds one platform at a time.
     */
    public synchronized FakeDockerEngine pullable(
            String reference, String id, String os, String architecture, byte[] saved) {
        pullableImages.put(reference + " " + os + "/" + architecture, () -> {
            images.replaceAll((key, image) -> image.tags().contains(reference)
                    ? new ImageInfo(
                            image.id(),
                            image.tags().stream()
                                    .filter(t -> !t.equals(reference))
                                    .toList(),
                            image.labels(),
                            image.os(),
                            image.architecture(),
                            image.variant(),
                            image.shell(),
                            image.size())
                    : image);
            addSavedImage(id, List.of(reference), os, architecture, saved);
        });
        return this;
    }

    private final Map<String, byte[]> savedArchives = new LinkedHashMap<>();
    private final Map<String, Runnable> pullableImages = new LinkedHashMap<>();
    /** Every pull: "reference platform". */
    public final List<String> pulls = new ArrayList<>();
    /** Every archive handed to loadImage. */
    public final List<byte[]> loadedArchives = new ArrayList<>();
    /** The id of every image handed to saveImage, when it was an id with a real archive. */
    public final List<String> exportedImages = new ArrayList<>();

    @Override
    public synchronized void pullImage(String reference, String platform) {
        pulls.add(reference + " " + platform);
        Runnable pull = pullableImages.get(reference + " " + platform);
        if (pull == null) {
            throw new EngineException("pull access denied for " + reference, EngineException.Reason.IMAGE_MISSING);
        }
        pull.run();
    }

    @Override
    public synchronized void loadImage(InputStream archive) {
        loadedArchives.add(readAll(archive));
    }

    public synchronized FakeDockerEngine addContainer(
            String id, String name, Map<String, String> labels, boolean running, int exitCode) {
        return addContainer(id, name, labels, running ? "running" : "exited", exitCode);
    }

    /** A container in a given engine state: "created", "running" or "exited". */
    public synchronized FakeDockerEngine addContainer(
            String id, String name, Map<String, String> labels, String state, int exitCode) {
        containers.put(id, new Container(id, name, labels, "fake-image", state, exitCode));
        return this;
    }

    public synchronized FakeDockerEngine addVolume(String name, Map<String, String> labels) {
        volumes.put(name, new VolumeInfo(name, labels));
        return this;
    }

    // ---- state queries for assertions ---------------------------------------------------

    public synchronized List<ImageInfo> images() {
        return List.copyOf(images.values());
    }

    public synchronized List<ContainerInfo> containers() {
        return containers.values().stream().map(Container::info).toList();
    }

    public synchronized List<VolumeInfo> volumes() {
        return List.copyOf(volumes.values());
    }

    public synchronized boolean hasImage(String id) {
        return images.containsKey(id);
    }

    public synchronized boolean hasContainer(String id) {
        return containers.containsKey(id);
    }

    public synchronized boolean hasVolume(String name) {
        return volumes.containsKey(name);
    }

    public synchronized boolean closed() {
        return closed;
    }

    // ---- DockerEngine -------------------------------------------------------------------

    @Override
    public synchronized String host() {
        return host;
    }

    @Override
    public synchronized EngineVersion version() {
        return version;
    }

    @Override
    public synchronized boolean rootless() {
        return rootless;
    }

    @Override
    public synchronized Optional<ImageInfo> inspectImage(String reference) {
        return findImage(reference);
    }

    @Override
    public synchronized String buildImage(ImageBuildRequest request, InputStream contextTar, Consumer<String> output) {
        builtRequests.add(request);
        buildContexts.add(readAll(contextTar));
        output.accept("Step 1/1 : FROM fake");
        if (buildFailure != null) {
            throw buildFailure;
        }
        for (String tag : request.tags()) {
            EngineBuildException failure = buildFailuresByTag.get(tag);
            if (failure != null) {
                throw failure;
            }
        }
        for (Map.Entry<String, EngineBuildException> failure : buildFailuresByLabel.entrySet()) {
            String[] label = failure.getKey().split("=", 2);
            if (label[1].equals(request.labels().get(label[0]))) {
                throw failure.getValue();
            }
        }
        String id = "image-" + nextImage++;
        for (String tag : request.tags()) {
            untag(tag);
        }
        images.put(id, new ImageInfo(id, request.tags(), request.labels()));
        if (builtArchive != null) {
            savedArchives.put(id, builtArchive);
        }
        output.accept("Successfully built " + id);
        return id;
    }

    private byte[] builtArchive;
    private final Map<String, EngineBuildException> buildFailuresByLabel = new LinkedHashMap<>();

    /** Every image built from now on saves as this {@code docker save} archive. */
    public synchronized FakeDockerEngine withBuiltArchive(byte[] archive) {
        builtArchive = archive;
        return this;
    }

    /** Makes every build whose labels include {@code key=value} fail. */
    public synchronized FakeDockerEngine failBuildsLabelled(
            String key, String value, String engineError, List<String> lastLines) {
        buildFailuresByLabel.put(key + "=" + value, new EngineBuildException(engineError, lastLines));
        return this;
    }

    @Override
    public synchronized List<ImageInfo> listImages(Map<String, String> labels) {
        return images.values().stream().filter(i -> matches(i.labels(), labels)).toList();
    }

    @Override
    public synchronized void removeImage(String reference) {
        findImage(reference).ifPresent(image -> {
            images.remove(image.id());
            removedImages.add(image.id());
        });
    }

    @Override
    public synchronized void saveImage(List<String> references, OutputStream target) {
        savedReferences.add(List.copyOf(references));
        if (references.size() == 1 && savedArchives.containsKey(references.get(0))) {
            exportedImages.add(references.get(0));
            try {
                target.write(savedArchives.get(references.get(0)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        for (String reference : references) {
            ImageInfo image =
                    findImage(reference).orElseThrow(() -> new EngineException("No such image: " + reference));
            try {
                target.write(("fake image " + image.id() + " as " + reference + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (failSaves) {
                throw new EngineException("save interrupted (fake)");
            }
        }
    }

    /** Every reference list handed to saveImage, in order. */
    public final List<List<String>> savedReferences = new ArrayList<>();
    /** When set, a save writes part of the archive and then fails. */
    public boolean failSaves;

    @Override
    public synchronized List<ContainerInfo> listContainers(Map<String, String> labels) {
        return containers.values().stream()
                .filter(c -> matches(c.labels, labels))
                .map(Container::info)
                .toList();
    }

    @Override
    public synchronized Optional<ContainerInfo> inspectContainer(String nameOrId) {
        return findContainer(nameOrId).map(Container::info);
    }

    @Override
    public synchronized String createContainer(ContainerSpec spec) {
        if (spec.name() != null && findContainer(spec.name()).isPresent()) {
            throw new EngineException(
                    "Conflict. The container name \"/" + spec.name() + "\" is already in use",
                    EngineException.Reason.CONFLICT);
        }
        if (createFailure != null) {
            RuntimeException failure = createFailure;
            createFailure = null;
            throw failure;
        }
        createdSpecs.add(spec);
        String id = "container-" + nextContainer++;
        containers.put(id, new Container(id, spec.name(), spec.labels(), spec.image(), "created", 0));
        return id;
    }

    @Override
    public synchronized void copyToContainer(String containerId, String path, InputStream tar) {
        requireContainer(containerId);
        Copy copy = new Copy(containerId, path, readAll(tar));
        copies.add(copy);
        if (afterCopy != null) {
            afterCopy.accept(copy);
        }
    }

    /** What {@link #copyFromContainer} sends for a path, whichever container is asked. */
    private final Map<String, byte[]> containerArchives = new LinkedHashMap<>();

    /** Every copy out of a container, as "containerId:path". */
    public final List<String> copiesOut = new ArrayList<>();

    /** Makes {@link #copyFromContainer} of {@code path} send {@code tar}; other paths are not found. */
    public synchronized FakeDockerEngine withContainerArchive(String path, byte[] tar) {
        containerArchives.put(path, tar.clone());
        return this;
    }

    @Override
    public synchronized void copyFromContainer(String containerId, String path, OutputStream target) {
        requireContainer(containerId);
        byte[] tar = containerArchives.get(path);
        if (tar == null) {
            throw new EngineException(
                    "Could not find the file " + path + " in container " + containerId,
                    EngineException.Reason.NOT_FOUND);
        }
        copiesOut.add(containerId + ":" + path);
        try {
            target.write(tar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RuntimeException createFailure;

    /** The next createContainer fails with {@code failure}. */
    public synchronized FakeDockerEngine failCreateWith(RuntimeException failure) {
        createFailure = failure;
        return this;
    }

    /** Runs after every copy into a container, e.g. to lay the copied files out on this machine. */
    public Consumer<Copy> afterCopy;

    @Override
    public synchronized void startContainer(String containerId) {
        Container container = requireContainer(containerId);
        if (startFailure != null) {
            throw new EngineException(startFailure, startFailureReason);
        }
        container.state = "running";
        startedContainers.add(containerId);
    }

    @Override
    public synchronized void removeContainer(String containerId) {
        findContainer(containerId).ifPresent(container -> {
            containers.remove(container.id);
            removedContainers.add(container.id);
        });
    }

    @Override
    public synchronized ContainerOutput attachOutput(String containerId) {
        Container container = requireContainer(containerId);
        return new ContainerOutput() {
            @Override
            public int follow(io.openim.maven.util.LineSink lines) {
                synchronized (FakeDockerEngine.this) {
                    if (!containerOutput.isEmpty()) {
                        lines.lines(io.openim.maven.util.Lines.of(containerOutput));
                    }
                    container.state = "exited";
                    container.exitCode = containerExitCode;
                    return containerExitCode;
                }
            }

            @Override
            public void close() {}
        };
    }

    /** The stdin each container was attached with, by the name or id it was attached by. */
    public final Map<String, java.io.InputStream> stdins = new java.util.LinkedHashMap<>();

    /** Containers attached with a stdin, in order, and the bytes each stdin gave before it ended. */
    public final Map<String, String> stdinGiven = new java.util.LinkedHashMap<>();

    /**
     * As {@link #attachOutput(String)}, once the stdin has ended; a stdin that gave nothing stands
     * for a gate that was never opened, and the container exits with 125 without output.
     */
    @Override
    public ContainerOutput attachOutput(String containerId, java.io.InputStream stdin) {
        ContainerOutput output = attachOutput(containerId);
        synchronized (this) {
            stdins.put(containerId, stdin);
        }
        return new ContainerOutput() {
            @Override
            public int follow(io.openim.maven.util.LineSink lines) {
                String given;
                try {
                    given = new String(stdin.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                synchronized (FakeDockerEngine.this) {
                    stdinGiven.put(containerId, given);
                }
                if (given.isEmpty()) {
                    synchronized (FakeDockerEngine.this) {
                        findContainer(containerId).ifPresent(c -> {
                            c.state = "exited";
                            c.exitCode = 125;
                        });
                    }
                    return 125;
                }
                return output.follow(lines);
            }

            @Override
            public void close() {
                output.close();
            }
        };
    }

    /** Every container handed to an interactive attach, in order. */
    public final List<String> attachedContainers = new ArrayList<>();

    @Override
    public synchronized int attachInteractive(String containerId) {
        Container container = requireContainer(containerId);
        attachedContainers.add(containerId);
        container.state = "exited";
        container.exitCode = containerExitCode;
        return containerExitCode;
    }

    @Override
    public synchronized String logs(String containerId, int tailLines) {
        requireContainer(containerId);
        int from = Math.max(0, containerOutput.size() - tailLines);
        return String.join("\n", containerOutput.subList(from, containerOutput.size()));
    }

    /**
     * What an exec runs on this machine instead: the container's command in, the host command out
     * (for example a local {@code rsync --server --daemon}). Null: execs fail as on a stopped container.
     */
    public java.util.function.UnaryOperator<List<String>> execOnHost;

    /** Every exec: "containerId command...". */
    public final List<String> execs = new ArrayList<>();

    /** Whether the engine counts as on this machine (a remote one makes {@code auto} pick the stream). */
    public boolean local = true;

    @Override
    public boolean onThisMachine() {
        return local;
    }

    @Override
    public ExecStream execStream(String containerId, List<String> command, Consumer<String> errors) {
        synchronized (this) {
            execs.add(containerId + " " + String.join(" ", command));
            Container container = containers.get(containerId);
            if (container == null) {
                container = containers.values().stream()
                        .filter(c -> c.name.equals(containerId))
                        .findFirst()
                        .orElse(null);
            }
            if (execOnHost == null || container == null || !"running".equals(container.state)) {
                throw new EngineException(
                        "Container " + containerId + " is not running", EngineException.Reason.NOT_FOUND);
            }
        }
        try {
            Process process = new ProcessBuilder(execOnHost.apply(command)).start();
            Thread stderr = new Thread(() -> {
                try {
                    new java.io.BufferedReader(
                                    new java.io.InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))
                            .lines()
                            .forEach(errors);
                } catch (UncheckedIOException closed) {
                    // The exec was closed; its stderr with it.
                }
            });
            stderr.setDaemon(true);
            stderr.start();
            return new ExecStream() {
                @Override
                public InputStream output() {
                    return process.getInputStream();
                }

                @Override
                public OutputStream input() {
                    return process.getOutputStream();
                }

                @Override
                public void close() {
                    process.destroy();
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized Optional<Integer> publishedPort(String containerId, int containerPort) {
        requireContainer(containerId);
        return Optional.ofNullable(publishedPort);
    }

    @Override
    public synchronized String createVolume(String name, Map<String, String> labels) {
        createdVolumes.add(name);
        volumes.putIfAbsent(name, new VolumeInfo(name, labels));
        return name;
    }

    @Override
    public synchronized List<VolumeInfo> listVolumes(Map<String, String> labels) {
        return volumes.values().stream()
                .filter(v -> matches(v.labels(), labels))
                .toList();
    }

    @Override
    public synchronized void removeVolume(String name) {
        if (volumes.remove(name) != null) {
            removedVolumes.add(name);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    // ---- helpers ------------------------------------------------------------------------

    private Optional<ImageInfo> findImage(String reference) {
        ImageInfo byId = images.get(reference);
        if (byId != null) {
            return Optional.of(byId);
        }
        return images.values().stream()
                .filter(i -> i.tags().contains(reference))
                .findFirst();
    }

    private void untag(String reference) {
        for (ImageInfo image : List.copyOf(images.values())) {
            if (image.tags().contains(reference)) {
                List<String> tags = new ArrayList<>(image.tags());
                tags.remove(reference);
                images.put(image.id(), new ImageInfo(image.id(), tags, image.labels()));
            }
        }
    }

    private Optional<Container> findContainer(String nameOrId) {
        Container byId = containers.get(nameOrId);
        if (byId != null) {
            return Optional.of(byId);
        }
        String name = nameOrId.startsWith("/") ? nameOrId.substring(1) : nameOrId;
        return containers.values().stream().filter(c -> name.equals(c.name)).findFirst();
    }

    private Container requireContainer(String nameOrId) {
        return findContainer(nameOrId)
                .orElseThrow(
                        () -> new EngineException("No such container: " + nameOrId, EngineException.Reason.NOT_FOUND));
    }

    private static boolean matches(Map<String, String> labels, Map<String, String> filter) {
        for (Map.Entry<String, String> wanted : filter.entrySet()) {
            if (!wanted.getValue().equals(labels.get(wanted.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
