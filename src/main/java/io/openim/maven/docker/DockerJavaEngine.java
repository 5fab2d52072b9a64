package io.openim.maven.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.api.model.VolumesFrom;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import io.openim.maven.util.LastLines;
import io.openim.maven.util.LineSplitter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** {@link DockerEngine} over docker-java and its Apache HttpClient 5 transport. */
public final class DockerJavaEngine implements DockerEngine {

    private final EngineEndpoint endpoint;
    private final DockerClient client;
    private final EngineVersion version;
    private Boolean rootless;

    private DockerJavaEngine(EngineEndpoint endpoint, DockerClient client, EngineVersion version) {
        this.endpoint = endpoint;
        this.client = client;
        this.version = version;
    }

    /** Connects and reads {@code /version} once; throws when the endpoint does not answer. */
    public static DockerEngine open(EngineEndpoint endpoint) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(endpoint.host())
                .withDockerTlsVerify(endpoint.tlsVerify())
                .withDockerCertPath(endpoint.certPath())
                .build();
        // No response timeout: log-follow, wait, build and save legitimately take minutes.
        DockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(5))
                .maxConnections(32)
                .build();
        DockerClient client = DockerClientImpl.getInstance(config, http);
        try {
            Version v = client.versionCmd().exec();
            return new DockerJavaEngine(endpoint, client,
                    new EngineVersion(v.getVersion(), v.getApiVersion(), v.getOperatingSystem(), v.getArch()));
        } catch (RuntimeException e) {
            closeQuietly(client);
            throw e;
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
            List<String> options = call("read engine info", () -> client.infoCmd().exec().getSecurityOptions());
            rootless = options != null && options.stream().anyMatch(o -> o.contains("rootless"));
        }
        return rootless;
    }

    @Override
    public Optional<ImageInfo> inspectImage(String reference) {
        try {
            InspectImageResponse image = client.inspectImageCmd(reference).exec();
            Map<String, String> labels = image.getConfig() == null ? null : image.getConfig().getLabels();
            return Optional.of(new ImageInfo(image.getId(), image.getRepoTags(), labels));
        } catch (NotFoundException e) {
            return Optional.empty();
        } catch (RuntimeException e) {
            throw failure("inspect image " + reference, e);
        }
    }

    @Override
    public String buildImage(ImageBuildRequest request, InputStream contextTar, Consumer<String> output) {
        LastLines last = new LastLines(30);
        LineSplitter splitter = new LineSplitter(line -> {
            last.accept(line);
            output.accept(line);
        });
        StringBuilder error = new StringBuilder();
        BuildImageCmd cmd = client.buildImageCmd(contextTar)
                .withTags(new HashSet<>(request.tags()))
                .withLabels(request.labels())
                .withPull(request.pull())
                .withRemove(true)
                .withForcerm(true);
        request.buildArgs().forEach(cmd::withBuildArg);
        BuildImageResultCallback callback = new BuildImageResultCallback() {
            @Override
            public void onNext(BuildResponseItem item) {
                if (item.getStream() != null) {
                    splitter.accept(item.getStream());
                }
                if (item.isErrorIndicated()) {
                    error.append(item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                            ? item.getErrorDetail().getMessage() : item.getError());
                }
                super.onNext(item);
            }
        };
        try {
            String id = cmd.exec(callback).awaitImageId();
            splitter.flush();
            return id;
        } catch (RuntimeException e) {
            splitter.flush();
            String message = error.length() > 0 ? error.toString() : CauseText.of(e);
            throw new EngineBuildException(message, last.lines());
        }
    }

    @Override
    public List<ImageInfo> listImages(Map<String, String> labels) {
        List<Image> images = call("list images", () -> client.listImagesCmd().withLabelFilter(labels).exec());
        List<ImageInfo> result = new ArrayList<>();
        for (Image image : images) {
            result.add(new ImageInfo(image.getId(),
                    image.getRepoTags() == null ? List.of() : List.of(image.getRepoTags()), image.getLabels()));
        }
        return result;
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
        var cmd = client.saveImagesCmd();
        for (String reference : references) {
            int colon = reference.lastIndexOf(':');
            boolean tagged = colon > reference.lastIndexOf('/');
            cmd.withImage(tagged ? reference.substring(0, colon) : reference, tagged ? reference.substring(colon + 1)
                    : "latest");
        }
        try (InputStream in = cmd.exec()) {
            in.transferTo(target);
        } catch (IOException e) {
            throw new EngineException("Saving image " + references + " failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw failure("save image " + references, e);
        }
    }

    @Override
    public List<ContainerInfo> listContainers(Map<String, String> labels) {
        List<Container> containers = call("list containers",
                () -> client.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec());
        List<ContainerInfo> result = new ArrayList<>();
        for (Container c : containers) {
            String name = c.getNames() == null || c.getNames().length == 0 ? c.getId() : c.getNames()[0];
            result.add(new ContainerInfo(c.getId(), name, c.getLabels(), "running".equals(c.getState()), -1,
                    c.getImage()));
        }
        return result;
    }

    @Override
    public Optional<ContainerInfo> inspectContainer(String nameOrId) {
        try {
            InspectContainerResponse c = client.inspectContainerCmd(nameOrId).exec();
            InspectContainerResponse.ContainerState state = c.getState();
            boolean running = state != null && Boolean.TRUE.equals(state.getRunning());
            int exit = state == null || state.getExitCodeLong() == null ? -1 : state.getExitCodeLong().intValue();
            return Optional.of(new ContainerInfo(c.getId(), c.getName(),
                    c.getConfig() == null ? null : c.getConfig().getLabels(), running, exit,
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
            host.withVolumesFrom(spec.volumesFrom().stream().map(VolumesFrom::new).toArray(VolumesFrom[]::new));
        }
        if (!spec.volumeMounts().isEmpty()) {
            host.withBinds(spec.volumeMounts().entrySet().stream()
                    .map(e -> new Bind(e.getKey(), new Volume(e.getValue())))
                    .collect(Collectors.toList()));
        }
        List<ExposedPort> exposed = new ArrayList<>();
        if (!spec.ports().isEmpty()) {
            Ports bindings = new Ports();
            spec.ports().forEach((port, binding) -> {
                ExposedPort exposedPort = ExposedPort.tcp(port);
                exposed.add(exposedPort);
                bindings.bind(exposedPort, binding.hostPort() == 0
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
                .withEnv(spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.toList()))
                .withTty(spec.tty())
                .withHostConfig(host);
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
            client.copyArchiveToContainerCmd(containerId).withRemotePath(path).withTarInputStream(tar).exec();
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
            client.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
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
                (frame.getStreamType() == StreamType.STDERR ? err : out)
                        .accept(frame.getPayload());
            }

            @Override
            public void onError(Throwable error) {
                // Kept for the caller instead of docker-java's own stack-trace logging.
                followFailure.set(error);
                closeQuietly(this);
            }
        };
        try {
            client.logContainerCmd(containerId).withFollowStream(true).withStdOut(true).withStdErr(true)
                    .exec(follower).awaitCompletion();
            out.flush();
            err.flush();
            if (followFailure.get() instanceof NotFoundException) {
                throw new EngineException("Container " + containerId + " was removed while it ran (interrupted?)");
            }
            if (followFailure.get() != null) {
                throw new EngineException("Lost the output of container " + containerId + ": "
                        + CauseText.of(followFailure.get()), followFailure.get());
            }
            return client.waitContainerCmd(containerId).exec(new WaitContainerResultCallback()).awaitStatusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("Interrupted while container " + containerId + " was running", e);
        } catch (RuntimeException e) {
            throw failure("follow container " + containerId, e);
        } finally {
            closeQuietly(follower);
        }
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
            client.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTail(tailLines)
                    .exec(collector).awaitCompletion();
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
    public Optional<Integer> publishedPort(String containerId, int containerPort) {
        InspectContainerResponse c = call("inspect container " + containerId,
                () -> client.inspectContainerCmd(containerId).exec());
        if (c.getNetworkSettings() == null || c.getNetworkSettings().getPorts() == null) {
            return Optional.empty();
        }
        Ports.Binding[] bindings = c.getNetworkSettings().getPorts().getBindings().get(ExposedPort.tcp(containerPort));
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
    public String createVolume(String name, Map<String, String> labels) {
        return call("create volume " + name,
                () -> client.createVolumeCmd().withName(name).withLabels(labels).exec().getName());
    }

    @Override
    public List<VolumeInfo> listVolumes(Map<String, String> labels) {
        List<String> filter = labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.toList());
        List<InspectVolumeResponse> volumes = call("list volumes",
                () -> client.listVolumesCmd().withFilter("label", filter).exec().getVolumes());
        return volumes == null ? List.of()
                : volumes.stream().map(v -> new VolumeInfo(v.getName(), v.getLabels())).collect(Collectors.toList());
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

    private EngineException failure(String what, RuntimeException e) {
        if (e instanceof EngineException engineException) {
            return engineException;
        }
        return new EngineException("Docker engine at " + endpoint.host() + " could not " + what + ": "
                + CauseText.of(e), e);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Nothing useful to do while closing.
        }
    }
}
