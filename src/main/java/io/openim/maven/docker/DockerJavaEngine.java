package io.openim.maven.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.api.model.VolumesFrom;
import com.github.dockerjava.api.model.WaitResponse;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import io.openim.maven.setting.Setting;
import io.openim.maven.util.LastLines;
import io.openim.maven.util.LineSplitter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/** {@link DockerEngine} over docker-java and its Apache HttpClient 5 transport. */
public final class DockerJavaEngine implements DockerEngine {

    private final EngineEndpoint endpoint;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerClient client;
    private final EngineHttpClient http;
    private final EngineVersion version;
    private Boolean rootless;

    private DockerJavaEngine(
            EngineEndpoint endpoint, DockerClient client, EngineHttpClient http, EngineVersion version) {
        this.endpoint = endpoint;
        this.client = client;
        this.http = http;
        this.version = version;
    }

    /** Connects and reads {@code /version} once; throws when the endpoint does not answer. */
    public static DockerEngine open(EngineEndpoint endpoint) {
        // Built from the endpoint alone: docker-java must not read DOCKER_* or a context behind the
        // plugin's own resolution (EngineLocator).
        DefaultDockerClientConfig config = new DefaultDockerClientConfig.Builder()
                .withDockerHost(endpoint.host())
                .withDockerTlsVerify(false)
                .build();
        EngineHttpClient http = new EngineHttpClient(
                URI.create(endpoint.host()),
                tlsContext(endpoint),
                !endpoint.usesTls() || endpoint.tls().verifyServer(),
                CONNECT_TIMEOUT,
                MAX_CONNECTIONS);
        DockerClient client = DockerClientImpl.getInstance(config, http);
        // The response timeout bounds a TCP engine's first answer; a Unix socket ignores read
        // timeouts, so a watchdog closes the connection of an endpoint that stays silent.
        AtomicBoolean answered = new AtomicBoolean();
        AtomicBoolean silent = new AtomicBoolean();
        CompletableFuture.runAsync(
                () -> {
                    if (!answered.get()) {
                        silent.set(true);
                        closeQuietly(client);
                    }
                },
                CompletableFuture.delayedExecutor(FIRST_ANSWER_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS));
        try {
            EngineVersion version = readVersion(endpoint, http);
            answered.set(true);
            return new DockerJavaEngine(endpoint, client, http, version);
        } catch (RuntimeException e) {
            answered.set(true);
            closeQuietly(client);
            if (silent.get()) {
                throw new EngineException(
                        "No answer from " + endpoint.host(),
                        EngineException.Reason.OTHER,
                        null,
                        new java.net.SocketTimeoutException("Read timed out"));
            }
            throw e;
        }
    }

    /** Connecting is bounded; so is the first answer, for an endpoint that accepts and never answers. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    static final Duration FIRST_ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private static final int MAX_CONNECTIONS = 32;

    static SSLContext tlsContext(EngineEndpoint endpoint) {
        if (!endpoint.usesTls()) {
            return null;
        }
        try {
            return endpoint.tls().sslContext();
        } catch (Exception e) {
            throw new EngineException(
                    "Cannot read the TLS material in " + endpoint.tls().directory() + " ("
                            + endpoint.tls().origin() + ") for " + endpoint.host() + ": " + CauseText.of(e)
                            + ". ca.pem, cert.pem and key.pem must be PEM files as `docker --tlsverify` reads them.",
                    EngineException.Reason.OTHER,
                    null,
                    e);
        }
    }

    /** {@code /version}, read once and with a bound, before anything else. */
    private static EngineVersion readVersion(EngineEndpoint endpoint, EngineHttpClient http) {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/version")
                .build();
        try (DockerHttpClient.Response response = http.execute(request, FIRST_ANSWER_TIMEOUT)) {
            String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
            if (response.getStatusCode() == 400 && body.contains("HTTPS server")) {
                throw new EngineException(
                        "The engine at " + endpoint.host() + " speaks TLS and was spoken to in plain text: set "
                                + Setting.DOCKER_TLS_VERIFY.describe("true") + " with "
                                + Setting.DOCKER_CERT_PATH.describe() + " naming its ca.pem, cert.pem and key.pem"
                                + " (or DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH).",
                        EngineException.Reason.OTHER,
                        body,
                        null);
            }
            JsonNode version;
            try {
                version = JSON.readTree(body);
            } catch (IOException notJson) {
                throw new EngineException(
                        "The endpoint " + endpoint.host() + " answered /version with status "
                                + response.getStatusCode() + " and no Docker reply: it is not a Docker engine"
                                + " (check the address and port).",
                        EngineException.Reason.OTHER,
                        body,
                        null);
            }
            if (response.getStatusCode() != 200) {
                throw new EngineException(
                        "The engine at " + endpoint.host() + " answered /version with status "
                                + response.getStatusCode() + ": "
                                + version.path("message").asText(""),
                        EngineException.Reason.OTHER,
                        version.toString(),
                        null);
            }
            return new EngineVersion(
                    version.path("Version").asText(),
                    version.path("ApiVersion").asText(),
                    version.path("Os").asText(),
                    version.path("Arch").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String host() {
        return endpoint.host();
    }

    @Override
    public EngineVersion version() {
        return version;
    }

    @Override
    public synchronized boolean rootless() {
        if (rootless == null) {
            List<String> options =
                    call("read engine info", () -> client.infoCmd().exec().getSecurityOptions());
            rootless = options != null && options.stream().anyMatch(o -> o.contains("rootless"));
        }
        return rootless;
    }

    @Override
    public Optional<ImageInfo> inspectImage(String reference) {
        // docker-java's model lacks the platform variant and the SHELL, so this one is read raw.
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/images/" + reference + "/json")
                .build();
        try (DockerHttpClient.Response response = http.execute(request)) {
            if (response.getStatusCode() == 404) {
                return Optional.empty();
            }
            JsonNode image = JSON.readTree(response.getBody());
            if (response.getStatusCode() != 200) {
                throw new EngineException(
                        "Docker engine at " + endpoint.host() + " could not inspect image " + reference + ": "
                                + image.path("message").asText("status " + response.getStatusCode()),
                        EngineException.Reason.OTHER,
                        image.toString(),
                        null);
            }
            JsonNode config = image.path("Config");
            return Optional.of(new ImageInfo(
                    image.path("Id").asText(),
                    strings(image.path("RepoTags")),
                    labels(config.path("Labels")),
                    textOrNull(image.path("Os")),
                    textOrNull(image.path("Architecture")),
                    textOrNull(image.path("Variant")),
                    strings(config.path("Shell")),
                    image.path("Size").asLong(0)));
        } catch (IOException e) {
            throw failure("inspect image " + reference, e);
        } catch (RuntimeException e) {
            throw failure("inspect image " + reference, e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    private static Map<String, String> labels(JsonNode object) {
        Map<String, String> values = new LinkedHashMap<>();
        object.fields()
                .forEachRemaining(
                        entry -> values.put(entry.getKey(), entry.getValue().asText()));
        return values;
    }

    private static String textOrNull(JsonNode node) {
        return node.isMissingNode() || node.isNull() || node.asText().isEmpty() ? null : node.asText();
    }

    @Override
    public String buildImage(ImageBuildRequest request, InputStream contextTar, Consumer<String> output) {
        LastLines last = new LastLines(30);
        LineSplitter splitter = new LineSplitter(line -> {
            last.accept(line);
            output.accept(line);
        });
        StringBuilder error = new StringBuilder();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        BuildImageCmd cmd = client.buildImageCmd(contextTar)
                .withTags(new HashSet<>(request.tags()))
                .withLabels(request.labels())
                .withPull(request.pull())
                .withRemove(true)
                .withForcerm(true);
        if (request.platform() != null) {
            cmd.withPlatform(request.platform());
        }
        request.buildArgs().forEach(cmd::withBuildArg);
        BuildImageResultCallback callback = new BuildImageResultCallback() {
            @Override
            public void onNext(BuildResponseItem item) {
                if (item.getStream() != null) {
                    splitter.accept(item.getStream());
                }
                if (item.isErrorIndicated()) {
                    error.append(
                            item.getErrorDetail() != null
                                            && item.getErrorDetail().getMessage() != null
                                    ? item.getErrorDetail().getMessage()
                                    : item.getError());
                }
                super.onNext(item);
            }

            @Override
            public void onError(Throwable throwable) {
                // Kept for the caller; the base class would log a stack trace first.
                failure.set(throwable);
                closeQuietly(this);
            }
        };
        try {
            String id = cmd.exec(callback).awaitImageId();
            splitter.flush();
            return id;
        } catch (RuntimeException e) {
            splitter.flush();
            Throwable cause = failure.get() != null ? failure.get() : e;
            if (error.length() == 0 && reasonOf(cause, "") == EngineException.Reason.CONNECTION_LOST) {
                throw failure("build image " + request.tags(), cause);
            }
            String message = error.length() > 0 ? error.toString() : CauseText.of(cause);
            throw new EngineBuildException(message, reasonOf(cause, message), last.lines());
        }
    }

    @Override
    public List<ImageInfo> listImages(Map<String, String> labels) {
        List<Image> images = call(
                "list images",
                () -> client.listImagesCmd().withLabelFilter(labels).exec());
        List<ImageInfo> result = new ArrayList<>();
        for (Image image : images) {
            result.add(new ImageInfo(
                    image.getId(),
                    image.getRepoTags() == null ? List.of() : List.of(image.getRepoTags()),
                    image.getLabels()));
        }
        return result;
    }

    @Override
    public void pullImage(String reference, String platform) {
        // The API takes the tag, or the digest, apart from the repository.
        int at = reference.indexOf('@');
        int colon = reference.lastIndexOf(':');
        int split = at >= 0 ? at : colon > reference.lastIndexOf('/') ? colon : -1;
        var cmd = client.pullImageCmd(split >= 0 ? reference.substring(0, split) : reference)
                .withTag(split >= 0 ? reference.substring(split + 1) : "latest");
        if (platform != null) {
            cmd.withPlatform(platform);
        }
        AtomicReference<Throwable> error = new AtomicReference<>();
        ResultCallback.Adapter<PullResponseItem> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onError(Throwable throwable) {
                error.set(throwable);
                closeQuietly(this);
            }
        };
        try {
            cmd.exec(callback).awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("Interrupted while pulling " + reference, EngineException.Reason.OTHER);
        } catch (RuntimeException e) {
            throw failure("pull " + reference, e);
        }
        if (error.get() != null) {
            throw failure("pull " + reference, error.get());
        }
    }

    @Override
    public void loadImage(InputStream archive) {
        call("load an image archive", () -> {
            client.loadImageCmd(archive).exec();
            return null;
        });
    }

    @Override
    public void removeImage(String reference) {
        try {
            client.removeImageCmd(reference).withForce(true).exec();
        } catch (NotFoundException e) {
            // Already gone is what we wanted.
        } catch (RuntimeException e) {
            throw failure("remove image " + reference, e);
        }
    }

    @Override
    public void saveImage(List<String> references, OutputStream target) {
        // Raw: docker-java would append ":latest" to an image ID, and save another image or none.
        StringBuilder query = new StringBuilder();
        for (String reference : references) {
            query.append(query.length() == 0 ? "?" : "&")
                    .append("names=")
                    .append(URLEncoder.encode(reference, StandardCharsets.UTF_8));
        }
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/images/get" + query)
                .build();
        byte[] buffer = new byte[1 << 16];
        try (DockerHttpClient.Response response = http.execute(request);
                InputStream in = response.getBody()) {
            if (response.getStatusCode() != 200) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                throw new EngineException(
                        "Docker engine at " + endpoint.host() + " could not save image " + references + ": "
                                + CauseText.clean(body),
                        response.getStatusCode() == 404
                                ? EngineException.Reason.IMAGE_MISSING
                                : EngineException.Reason.OTHER,
                        body,
                        null);
            }
            int read;
            while ((read = in.read(buffer)) >= 0) {
                try {
                    target.write(buffer, 0, read);
                } catch (IOException e) {
                    // The caller's file, not the engine: it names the file and the fix.
                    throw new UncheckedIOException(e);
                }
            }
        } catch (IOException e) {
            throw failure("send image " + references, e);
        } catch (UncheckedIOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failure("save image " + references, e);
        }
    }

    @Override
    public List<ContainerInfo> listContainers(Map<String, String> labels) {
        List<Container> containers = call(
                "list containers",
                () -> client.listContainersCmd()
                        .withShowAll(true)
                        .withLabelFilter(labels)
                        .exec());
        List<ContainerInfo> result = new ArrayList<>();
        for (Container c : containers) {
            String name = c.getNames() == null || c.getNames().length == 0 ? c.getId() : c.getNames()[0];
            result.add(new ContainerInfo(c.getId(), name, c.getLabels(), c.getState(), -1, c.getImage()));
        }
        return result;
    }

    @Override
    public Optional<ContainerInfo> inspectContainer(String nameOrId) {
        try {
            InspectContainerResponse c = client.inspectContainerCmd(nameOrId).exec();
            InspectContainerResponse.ContainerState state = c.getState();
            String status = state == null || state.getStatus() == null
                    ? (state != null && Boolean.TRUE.equals(state.getRunning()) ? "running" : "unknown")
                    : state.getStatus();
            int exit = state == null || state.getExitCodeLong() == null
                    ? -1
                    : state.getExitCodeLong().intValue();
            return Optional.of(new ContainerInfo(
                    c.getId(),
                    c.getName(),
                    c.getConfig() == null ? null : c.getConfig().getLabels(),
                    status,
                    exit,
                    c.getConfig() == null ? null : c.getConfig().getImage()));
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw failure("inspect container " + nameOrId, e);
        }
    }

    @Override
    public String createContainer(ContainerSpec spec) {
        HostConfig host = HostConfig.newHostConfig();
        if (!spec.volumesFrom().isEmpty()) {
            host.withVolumesFrom(
                    spec.volumesFrom().stream().map(VolumesFrom::new).toArray(VolumesFrom[]::new));
        }
        if (!spec.volumeMounts().isEmpty()) {
            host.withBinds(spec.volumeMounts().entrySet().stream()
                    .map(e -> new Bind(e.getKey(), new Volume(e.getValue())))
                    .collect(Collectors.toList()));
        }
        if (!spec.bindMounts().isEmpty()) {
            // Mounts, not Binds: for a missing source the engine then fails instead of creating it.
            host.withMounts(spec.bindMounts().entrySet().stream()
                    .map(e -> new Mount()
                            .withType(MountType.BIND)
                            .withSource(e.getKey())
                            .withTarget(e.getValue()))
                    .collect(Collectors.toList()));
        }
        List<ExposedPort> exposed = new ArrayList<>();
        if (!spec.ports().isEmpty()) {
            Ports bindings = new Ports();
            spec.ports().forEach((port, binding) -> {
                ExposedPort exposedPort = ExposedPort.tcp(port);
                exposed.add(exposedPort);
                bindings.bind(
                        exposedPort,
                        binding.hostPort() == 0
                                ? Ports.Binding.bindIp(binding.hostIp())
                                : Ports.Binding.bindIpAndPort(binding.hostIp(), binding.hostPort()));
            });
            host.withPortBindings(bindings);
        }
        if (spec.networkMode() != null) {
            host.withNetworkMode(spec.networkMode());
        }
        CreateContainerCmd cmd = client.createContainerCmd(spec.image())
                .withName(spec.name())
                .withLabels(spec.labels())
                .withEnv(spec.env().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.toList()))
                .withTty(spec.tty())
                .withHostConfig(host);
        if (spec.openStdin()) {
            cmd.withStdinOpen(true).withStdInOnce(true).withAttachStdin(true);
        }
        if (!exposed.isEmpty()) {
            cmd.withExposedPorts(exposed);
        }
        if (spec.entrypoint() != null) {
            cmd.withEntrypoint(spec.entrypoint());
        }
        if (!spec.command().isEmpty()) {
            cmd.withCmd(spec.command());
        }
        if (spec.user() != null) {
            cmd.withUser(spec.user());
        }
        if (spec.workingDir() != null) {
            cmd.withWorkingDir(spec.workingDir());
        }
        if (spec.hostname() != null) {
            cmd.withHostName(spec.hostname());
        }
        return call("create container " + spec.name(), () -> cmd.exec().getId());
    }

    @Override
    public void copyToContainer(String containerId, String path, InputStream tar) {
        call("copy files into container " + containerId, () -> {
            client.copyArchiveToContainerCmd(containerId)
                    .withRemotePath(path)
                    .withTarInputStream(tar)
                    .exec();
            return null;
        });
    }

    @Override
    public void startContainer(String containerId) {
        call("start container " + containerId, () -> {
            client.startContainerCmd(containerId).exec();
            return null;
        });
    }

    @Override
    public void removeContainer(String containerId) {
        try {
            client.removeContainerCmd(containerId)
                    .withForce(true)
                    .withRemoveVolumes(true)
                    .exec();
        } catch (NotFoundException e) {
            // Already gone.
        } catch (ConflictException e) {
            // "removal already in progress": another cleanup path got there first.
        } catch (RuntimeException e) {
            throw failure("remove container " + containerId, e);
        }
    }

    @Override
    public int runToCompletion(String containerId, Consumer<String> output) {
        LineSplitter out = new LineSplitter(output);
        LineSplitter err = new LineSplitter(output);
        AtomicReference<Throwable> followFailure = new AtomicReference<>();
        ResultCallback.Adapter<Frame> follower = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                (frame.getStreamType() == StreamType.STDERR ? err : out).accept(frame.getPayload());
            }

            @Override
            public void onError(Throwable error) {
                // Kept for the caller instead of docker-java's own stack-trace logging.
                followFailure.set(error);
                closeQuietly(this);
            }
        };
        try {
            client.logContainerCmd(containerId)
                    .withFollowStream(true)
                    .withStdOut(true)
                    .withStdErr(true)
                    .exec(follower)
                    .awaitCompletion();
            out.flush();
            err.flush();
            if (followFailure.get() instanceof NotFoundException) {
                throw removedWhileRunning(containerId);
            }
            if (followFailure.get() != null) {
                throw failure("follow the output of container " + containerId, followFailure.get());
            }
            return awaitExit(containerId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException(
                    "Interrupted while container " + containerId + " was running",
                    EngineException.Reason.OTHER,
                    null,
                    e);
        } catch (RuntimeException e) {
            throw failure("follow container " + containerId, e);
        } finally {
            closeQuietly(follower);
        }
    }

    private static EngineException removedWhileRunning(String containerId) {
        return new EngineException(
                "Container " + containerId + " was removed while it ran (interrupted?)",
                EngineException.Reason.NOT_FOUND);
    }

    /** The container's exit code; a quiet callback, so a failure is reported once, by the caller. */
    private int awaitExit(String containerId) throws InterruptedException {
        AtomicReference<Integer> status = new AtomicReference<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        ResultCallback.Adapter<WaitResponse> waiter = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(WaitResponse response) {
                status.set(response.getStatusCode());
            }

            @Override
            public void onError(Throwable throwable) {
                error.set(throwable);
                closeQuietly(this);
            }
        };
        try {
            client.waitContainerCmd(containerId).exec(waiter).awaitCompletion();
        } finally {
            closeQuietly(waiter);
        }
        if (error.get() instanceof NotFoundException) {
            throw removedWhileRunning(containerId);
        }
        if (error.get() != null) {
            throw failure("wait for container " + containerId, error.get());
        }
        if (status.get() == null) {
            throw new EngineException(
                    "The engine did not report the exit code of container " + containerId,
                    EngineException.Reason.CONNECTION_LOST);
        }
        return status.get();
    }

    @Override
    public String logs(String containerId, int tailLines) {
        StringBuilder text = new StringBuilder();
        ResultCallback.Adapter<Frame> collector = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                synchronized (text) {
                    text.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
            }
        };
        try {
            client.logContainerCmd(containerId)
                    .withStdOut(true)
                    .withStdErr(true)
                    .withTail(tailLines)
                    .exec(collector)
                    .awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            return "(logs unavailable: " + CauseText.of(e) + ")";
        }
        synchronized (text) {
            return text.toString().strip();
        }
    }

    @Override
    public ExecStream execStream(String containerId, List<String> command, Consumer<String> errors) {
        String execId = call(
                "start " + command.get(0) + " in container " + containerId,
                () -> client.execCreateCmd(containerId)
                        .withAttachStdin(true)
                        .withAttachStdout(true)
                        .withAttachStderr(true)
                        .withTty(false)
                        .withCmd(command.toArray(String[]::new))
                        .exec()
                        .getId());
        try {
            return HijackedExec.start(http, execId, errors);
        } catch (IOException e) {
            throw failure("attach to " + command.get(0) + " in container " + containerId, e);
        }
    }

    @Override
    public Optional<Integer> publishedPort(String containerId, int containerPort) {
        InspectContainerResponse c = call(
                "inspect container " + containerId,
                () -> client.inspectContainerCmd(containerId).exec());
        if (c.getNetworkSettings() == null || c.getNetworkSettings().getPorts() == null) {
            return Optional.empty();
        }
        Ports.Binding[] bindings =
                c.getNetworkSettings().getPorts().getBindings().get(ExposedPort.tcp(containerPort));
        if (bindings == null) {
            return Optional.empty();
        }
        for (Ports.Binding binding : bindings) {
            try {
                return Optional.of(Integer.parseInt(binding.getHostPortSpec()));
            } catch (NumberFormatException e) {
                // Try the next binding.
            }
        }
        return Optional.empty();
    }

    @Override
    public int attachInteractive(String containerId) {
        // docker-java's stdin attach is known to hang and cannot put the terminal in raw mode, so the
        // docker CLI attaches, to the same engine, a container this adapter created.
        List<String> command = new ArrayList<>(List.of("docker", "-H", endpoint.host()));
        if (endpoint.usesTls()) {
            EngineTls tls = endpoint.tls();
            command.add(tls.verifyServer() ? "--tlsverify" : "--tls");
            if (tls.verifyServer()) {
                command.addAll(List.of("--tlscacert", tls.ca().toString()));
            }
            if (Files.isRegularFile(tls.cert())) {
                command.addAll(List.of(
                        "--tlscert",
                        tls.cert().toString(),
                        "--tlskey",
                        tls.key().toString()));
            }
        }
        command.addAll(List.of("start", "--attach", "--interactive", containerId));
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            return process.waitFor();
        } catch (IOException e) {
            throw new EngineException(
                    "An interactive terminal needs the docker command-line client on PATH (" + e.getMessage()
                            + "). Install it, or use openim:run for single commands.",
                    EngineException.Reason.NO_EXECUTABLE,
                    null,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException(
                    "Interrupted while the interactive container " + containerId + " ran",
                    EngineException.Reason.OTHER);
        }
    }

    @Override
    public String createVolume(String name, Map<String, String> labels) {
        return call(
                "create volume " + name,
                () -> client.createVolumeCmd()
                        .withName(name)
                        .withLabels(labels)
                        .exec()
                        .getName());
    }

    @Override
    public List<VolumeInfo> listVolumes(Map<String, String> labels) {
        List<String> filter = labels.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.toList());
        List<InspectVolumeResponse> volumes = call(
                "list volumes",
                () -> client.listVolumesCmd().withFilter("label", filter).exec().getVolumes());
        return volumes == null
                ? List.of()
                : volumes.stream()
                        .map(v -> new VolumeInfo(v.getName(), v.getLabels()))
                        .collect(Collectors.toList());
    }

    @Override
    public void removeVolume(String name) {
        try {
            client.removeVolumeCmd(name).exec();
        } catch (NotFoundException e) {
            // Already gone.
        } catch (RuntimeException e) {
            throw failure("remove volume " + name, e);
        }
    }

    @Override
    public void close() {
        closeQuietly(client);
    }

    private <T> T call(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            throw failure(what, e);
        }
    }

    private EngineException failure(String what, Throwable e) {
        if (e instanceof EngineException engineException) {
            return engineException;
        }
        String text = CauseText.of(e);
        EngineException.Reason reason = reasonOf(e, text);
        String message = reason == EngineException.Reason.CONNECTION_LOST
                ? "Lost the connection to the Docker engine at " + endpoint.host() + " while trying to " + what + ": "
                        + text
                : "Docker engine at " + endpoint.host() + " could not " + what + ": " + text;
        return new EngineException(message, reason, CauseText.raw(e), e);
    }

    /** The typed reason of a failure: from docker-java's exception type, else the engine's words. */
    static EngineException.Reason reasonOf(Throwable e, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("address already in use") || lower.contains("port is already allocated")) {
            return EngineException.Reason.PORT_IN_USE;
        }
        if (lower.contains("executable file not found")
                || lower.contains("no such file or directory") && lower.contains("exec")) {
            return EngineException.Reason.NO_EXECUTABLE;
        }
        if (lower.contains("unable to find user") || lower.contains("no matching entries in passwd file")) {
            return EngineException.Reason.UNKNOWN_USER;
        }
        if (lower.matches("(?s).*network \\S+ not found.*")) {
            return EngineException.Reason.NETWORK_MISSING;
        }
        if (lower.contains("no such image") || lower.contains("pull access denied")) {
            return EngineException.Reason.IMAGE_MISSING;
        }
        if (e instanceof NotFoundException) {
            return EngineException.Reason.NOT_FOUND;
        }
        if (e instanceof ConflictException) {
            return EngineException.Reason.CONFLICT;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException) {
                return EngineException.Reason.CONNECTION_LOST;
            }
        }
        return EngineException.Reason.OTHER;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Nothing useful to do while closing.
        }
    }
}
