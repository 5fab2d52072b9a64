package io.openim.maven.docker.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import io.openim.maven.docker.ContainerInfo;
import io.openim.maven.docker.ContainerOutput;
import io.openim.maven.docker.ContainerSpec;
import io.openim.maven.docker.DockerEngine;
import io.openim.maven.docker.EngineBuildException;
import io.openim.maven.docker.EngineException;
import io.openim.maven.docker.EngineVersion;
import io.openim.maven.docker.ExecStream;
import io.openim.maven.docker.ImageBuildRequest;
import io.openim.maven.docker.ImageInfo;
import io.openim.maven.docker.VolumeInfo;
import io.openim.maven.docker.discovery.EngineEndpoint;
import io.openim.maven.docker.discovery.EngineTls;
import io.openim.maven.util.Json;
import io.openim.maven.util.LastLines;
import io.openim.maven.util.LineSink;
import io.openim.maven.util.LineSplitter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link DockerEngine} through docker-java: its commands and model for the calls its model covers,
 * and its own {@link DockerHttpClient} with a raw request where the model lacks a field or the
 * call is a stream the plugin reads itself (see the README's Engines section for which is which).
 * Every request runs through {@link EngineCalls}, which bounds it and words its failure.
 */
final class DockerJavaEngine implements DockerEngine {

    /** The image ID in the legacy builder's last line, when no aux message carried it. */
    private static final Pattern BUILT = Pattern.compile("Successfully built ([0-9a-f]{12,64})");

    private static final String JSON = "application/json";

    private final EngineEndpoint endpoint;
    private final EngineTransport transport;
    private final EngineCalls calls;
    /** Makes docker-java's client on first use: a no-op build sends only raw requests. */
    private final Supplier<DockerClient> clientMaker;

    private DockerClient client;
    private final EngineVersion version;
    private final StepImageCleanup stepCleanup;
    private Boolean rootless;

    DockerJavaEngine(
            EngineEndpoint endpoint,
            EngineTransport transport,
            EngineCalls calls,
            Supplier<DockerClient> clientMaker,
            EngineVersion version) {
        this.endpoint = endpoint;
        this.transport = transport;
        this.calls = calls;
        this.clientMaker = clientMaker;
        this.version = version;
        this.stepCleanup = new StepImageCleanup(
                this::inspectImage,
                id -> calls.run("remove image " + id, () -> {
                    try {
                        client().removeImageCmd(id).withNoPrune(true).exec();
                    } catch (NotFoundException gone) {
                        // Already gone.
                    }
                    return null;
                }));
        calls.pingWith(() -> client().pingCmd().exec());
    }

    private synchronized DockerClient client() {
        if (client == null) {
            client = clientMaker.get();
        }
        return client;
    }

    @Override
    public String host() {
        return endpoint.host();
    }

    @Override
    public EngineVersion version() {
        return version;
    }

    // ---- raw requests ----------------------------------------------------------------------

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Request.Builder raw(Request.Method method, String path) {
        return Request.builder().method(method).path(path);
    }

    /** A raw request whose answer is JSON; 404 gives empty, another status of 300 or more fails. */
    private Optional<JsonNode> json(String what, Request request) throws IOException {
        try (Response response = transport.execute(request)) {
            byte[] body = response.getBody().readAllBytes();
            if (response.getStatusCode() == 404) {
                return Optional.empty();
            }
            if (response.getStatusCode() >= 300) {
                throw calls.statusError(what, response.getStatusCode(), new String(body, StandardCharsets.UTF_8));
            }
            return Optional.of(body.length == 0 ? Json.nothing() : Json.parse(body));
        }
    }

    /** A raw request whose answer is JSON or nothing; any status of 300 or more fails, 404 too. */
    private JsonNode send(String what, Request request) throws IOException {
        try (Response response = transport.execute(request)) {
            byte[] body = response.getBody().readAllBytes();
            if (response.getStatusCode() == 304) {
                return Json.nothing(); // "already started": what was asked for is so
            }
            if (response.getStatusCode() >= 300) {
                throw calls.statusError(what, response.getStatusCode(), new String(body, StandardCharsets.UTF_8));
            }
            return body.length == 0 ? Json.nothing() : Json.parse(body);
        }
    }

    /** Fails unless a stream's answer has a success status; a failed one's body is its error. */
    private void expectSuccess(String what, Response response) throws IOException {
        if (response.getStatusCode() >= 300) {
            String body = new String(response.getBody().readNBytes(64 * 1024), StandardCharsets.UTF_8);
            throw calls.statusError(what, response.getStatusCode(), body);
        }
    }

    /**
     * Reads a stream of JSON messages (build, pull, load) to its end, handing each to
     * {@code message}; returns the first {@code error} message, or null.
     */
    private static String readMessages(InputStream body, Consumer<JsonNode> message) throws IOException {
        StringBuilder error = new StringBuilder();
        Json.forEachValue(body, next -> {
            message.accept(next);
            String text = next.path("errorDetail")
                    .path("message")
                    .asText(next.path("error").asText(""));
            if (!text.isEmpty() && error.length() == 0) {
                error.append(text);
            }
        });
        return error.length() == 0 ? null : error.toString();
    }

    // ---- engine and images ---------------------------------------------------------------

    /** Raw: docker-java's info model lacks the field rootless Podman (4.3) says it in. */
    @Override
    public synchronized boolean rootless() {
        if (rootless == null) {
            JsonNode info = get("read engine info", "/info").orElse(Json.nothing());
            // Docker lists "name=rootless" among its security options; Podman has a field of its own.
            boolean found = info.path("Rootless").asBoolean(false);
            for (JsonNode option : info.path("SecurityOptions")) {
                found |= option.asText().contains("rootless");
            }
            rootless = found;
        }
        return rootless;
    }

    /** Raw: docker-java's image model has neither the platform variant nor the image's SHELL. */
    @Override
    public Optional<ImageInfo> inspectImage(String reference) {
        return get("inspect image " + reference, "/images/" + reference + "/json")
                .map(image -> {
                    JsonNode config = image.path("Config");
                    return new ImageInfo(
                            image.path("Id").asText(),
                            strings(image.path("RepoTags")),
                            labels(config.path("Labels")),
                            textOrNull(image.path("Os")),
                            textOrNull(image.path("Architecture")),
                            textOrNull(image.path("Variant")),
                            strings(config.path("Shell")),
                            image.path("Size").asLong(0));
                });
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
        BuildSteps steps = new BuildSteps();
        try {
            return build(request, contextTar, line -> {
                steps.accept(line);
                output.accept(line);
            });
        } catch (RuntimeException e) {
            stepCleanup.removeMadeBy(steps);
            throw e;
        }
    }

    /**
     * Raw: the build's output is read here, on the caller's thread, line by line as it comes
     * (docker-java's build command hands it to a thread of its own and keeps no step images).
     */
    private String build(ImageBuildRequest request, InputStream contextTar, Consumer<String> output) {
        LastLines last = new LastLines(30);
        LineSplitter splitter = LineSplitter.eachLine(line -> {
            last.accept(line);
            output.accept(line);
        });
        StringBuilder query = new StringBuilder("/build?rm=1&forcerm=1");
        for (String tag : request.tags()) {
            query.append("&t=").append(encode(tag));
        }
        if (request.pull()) {
            query.append("&pull=1");
        }
        if (request.platform() != null) {
            query.append("&platform=").append(encode(request.platform()));
        }
        if (!request.labels().isEmpty()) {
            query.append("&labels=").append(encode(Json.text(Json.of(request.labels()))));
        }
        if (!request.buildArgs().isEmpty()) {
            query.append("&buildargs=").append(encode(Json.text(Json.of(request.buildArgs()))));
        }
        String what = "build image " + request.tags();
        String[] imageId = {null};
        String error = calls.stream(what, watch -> {
            Request http = raw(Request.Method.POST, query.toString())
                    .putHeader("Content-Type", "application/x-tar")
                    .body(contextTar)
                    .build();
            try (Response response = transport.execute(http)) {
                if (response.getStatusCode() >= 300) {
                    String body = new String(response.getBody().readNBytes(64 * 1024), StandardCharsets.UTF_8);
                    EngineException failure = calls.statusError(what, response.getStatusCode(), body);
                    throw new EngineBuildException(
                            failure.reason() == EngineException.Reason.BAD_ANSWER
                                    ? failure.getMessage()
                                    : io.openim.maven.docker.CauseText.clean(body),
                            failure.reason(),
                            last.lines());
                }
                String failed = readMessages(watch.watched(response.getBody()), message -> {
                    if (message.hasNonNull("stream")) {
                        splitter.accept(message.get("stream").asText());
                    }
                    String aux = message.path("aux").path("ID").asText("");
                    if (!aux.isEmpty()) {
                        imageId[0] = aux;
                    }
                });
                splitter.flush();
                return failed;
            } catch (IOException | RuntimeException e) {
                splitter.flush();
                throw e;
            }
        });
        if (error != null) {
            throw new EngineBuildException(error, EngineCalls.reasonOf(500, error), last.lines());
        }
        if (imageId[0] == null) {
            for (String line : last.lines()) {
                Matcher built = BUILT.matcher(line);
                if (built.find()) {
                    imageId[0] = built.group(1);
                }
            }
        }
        if (imageId[0] == null) {
            throw new EngineBuildException(
                    "the engine reported no image ID", EngineException.Reason.OTHER, last.lines());
        }
        return imageId[0];
    }

    @Override
    public List<ImageInfo> listImages(Map<String, String> labels) {
        List<Image> images = calls.call(
                "list images",
                () -> client().listImagesCmd()
                        .withLabelFilter(labelWords(labels).toArray(String[]::new))
                        .exec());
        List<ImageInfo> result = new ArrayList<>();
        for (Image image : images) {
            List<String> tags = image.getRepoTags() == null
                    ? new ArrayList<>()
                    : new ArrayList<>(Arrays.asList(image.getRepoTags()));
            tags.removeIf("<none>:<none>"::equals);
            result.add(new ImageInfo(image.getId(), tags, image.getLabels()));
        }
        return result;
    }

    /** "key=value", or "key" alone for a label with any value (docker-java's map form fails on those). */
    private static List<String> labelWords(Map<String, String> labels) {
        return labels.entrySet().stream()
                .map(entry -> entry.getValue() == null ? entry.getKey() : entry.getKey() + "=" + entry.getValue())
                .toList();
    }

    /** Raw: the stream of pull messages is read here, where an error inside it is seen. */
    @Override
    public void pullImage(String reference, String platform) {
        // The API takes the tag, or the digest, apart from the repository.
        int at = reference.indexOf('@');
        int colon = reference.lastIndexOf(':');
        int split = at >= 0 ? at : colon > reference.lastIndexOf('/') ? colon : -1;
        String path = "/images/create?fromImage=" + encode(split >= 0 ? reference.substring(0, split) : reference)
                + "&tag=" + encode(split >= 0 ? reference.substring(split + 1) : "latest")
                + (platform == null ? "" : "&platform=" + encode(platform));
        messageStream("pull " + reference, raw(Request.Method.POST, path).build());
    }

    /** A call whose answer is a stream of messages that may end in an error (pull, load). */
    private void messageStream(String what, Request request) {
        String error = calls.stream(what, watch -> {
            try (Response response = transport.execute(request)) {
                expectSuccess(what, response);
                return readMessages(watch.watched(response.getBody()), message -> {});
            }
        });
        if (error != null) {
            throw new EngineException(
                    "Docker engine at " + endpoint.host() + " could not " + what + ": " + error,
                    EngineCalls.reasonOf(500, error),
                    error,
                    null);
        }
    }

    /** Raw: docker-java's load command closes the answer unread, so an error inside it would be lost. */
    @Override
    public void loadImage(InputStream archive) {
        messageStream(
                "load an image archive",
                raw(Request.Method.POST, "/images/load?quiet=1")
                        .putHeader("Content-Type", "application/x-tar")
                        .body(archive)
                        .build());
    }

    @Override
    public void removeImage(String reference) {
        calls.run("remove image " + reference, () -> {
            try {
                client().removeImageCmd(reference).withForce(true).exec();
            } catch (NotFoundException gone) {
                // Absent is fine.
            }
            return null;
        });
    }

    /** Raw: saved by image ID and several tags at once, streamed as it comes. */
    @Override
    public void saveImage(List<String> references, OutputStream target) {
        StringBuilder query = new StringBuilder();
        for (String reference : references) {
            query.append(query.length() == 0 ? "?" : "&").append("names=").append(encode(reference));
        }
        String what = "send image " + references;
        calls.stream(what, watch -> {
            try (Response response = transport.execute(
                    raw(Request.Method.GET, "/images/get" + query).build())) {
                if (response.getStatusCode() != 200) {
                    String body = new String(response.getBody().readNBytes(64 * 1024), StandardCharsets.UTF_8);
                    EngineException failure =
                            calls.statusError("save image " + references, response.getStatusCode(), body);
                    throw response.getStatusCode() == 404
                            ? new EngineException(
                                    failure.getMessage(), EngineException.Reason.IMAGE_MISSING, body, null, 404)
                            : failure;
                }
                copy(watch.watched(response.getBody()), target);
                return null;
            }
        });
    }

    /** Copies a stream from the engine into the caller's target; a failed write is the caller's. */
    private static void copy(InputStream in, OutputStream target) throws IOException {
        byte[] buffer = new byte[1 << 16];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            try {
                target.write(buffer, 0, read);
            } catch (IOException e) {
                // The caller's file, not the engine: it names the file and the fix.
                throw new EngineCalls.CallerSideFailure(e);
            }
        }
    }

    // ---- containers ----------------------------------------------------------------------

    @Override
    public List<ContainerInfo> listContainers(Map<String, String> labels) {
        List<Container> containers = calls.call(
                "list containers",
                () -> client().listContainersCmd()
                        .withShowAll(true)
                        .withLabelFilter(labelWords(labels))
                        .exec());
        List<ContainerInfo> result = new ArrayList<>();
        for (Container c : containers) {
            String[] names = c.getNames();
            String name = names == null || names.length == 0 ? c.getId() : names[0];
            result.add(new ContainerInfo(c.getId(), name, c.getLabels(), c.getState(), -1, c.getImage()));
        }
        return result;
    }

    /**
     * Raw: the call a no-op build makes most; docker-java's container model took 160 ms to set up
     * on its first use in each goal (measured), and the plugin reads four of its fields.
     */
    private Optional<JsonNode> inspect(String nameOrId) {
        return get("inspect container " + nameOrId, "/containers/" + nameOrId + "/json");
    }

    /** A raw GET whose answer is JSON, bounded; empty for 404. */
    private Optional<JsonNode> get(String what, String path) {
        return calls.call(what, () -> json(what, raw(Request.Method.GET, path).build()));
    }

    @Override
    public Optional<ContainerInfo> inspectContainer(String nameOrId) {
        return inspect(nameOrId).map(c -> {
            JsonNode state = c.path("State");
            String status = state.hasNonNull("Status")
                    ? state.get("Status").asText()
                    : state.path("Running").asBoolean(false) ? "running" : "unknown";
            JsonNode config = c.path("Config");
            return new ContainerInfo(
                    c.path("Id").asText(),
                    c.path("Name").asText(),
                    config.isMissingNode() ? null : labels(config.path("Labels")),
                    status,
                    state.has("ExitCode") ? state.get("ExitCode").asInt() : -1,
                    config.path("Image").asText(null));
        });
    }

    /**
     * Raw, like the other calls a no-op build makes (start, remove, copy in): docker-java's model of
     * a container's configuration took its JSON mapper a few hundred classes and about 0.1 s to set
     * up in each goal, for a dozen fields.
     */
    @Override
    public String createContainer(ContainerSpec spec) {
        String what = "create container " + spec.name();
        return calls.call(
                what,
                () -> send(
                                what,
                                raw(Request.Method.POST, "/containers/create?name=" + encode(spec.name()))
                                        .putHeader("Content-Type", JSON)
                                        .bodyBytes(Json.bytes(containerBody(spec)))
                                        .build())
                        .path("Id")
                        .asText());
    }

    /** The Engine API's container configuration for a spec. */
    private static ObjectNode containerBody(ContainerSpec spec) {
        ObjectNode body = Json.object();
        body.put("Image", spec.image());
        body.set("Labels", Json.of(spec.labels()));
        ArrayNode env = body.putArray("Env");
        spec.env().forEach((key, value) -> env.add(key + "=" + value));
        body.put("Tty", spec.tty());
        if (spec.openStdin()) {
            body.put("OpenStdin", true).put("StdinOnce", true).put("AttachStdin", true);
        }
        if (spec.entrypoint() != null) {
            body.set("Entrypoint", Json.of(spec.entrypoint()));
        }
        if (!spec.command().isEmpty()) {
            body.set("Cmd", Json.of(spec.command()));
        }
        if (spec.user() != null) {
            body.put("User", spec.user());
        }
        if (spec.workingDir() != null) {
            body.put("WorkingDir", spec.workingDir());
        }
        if (spec.hostname() != null) {
            body.put("Hostname", spec.hostname());
        }
        ObjectNode host = body.putObject("HostConfig");
        if (!spec.volumesFrom().isEmpty()) {
            host.set("VolumesFrom", Json.of(spec.volumesFrom()));
        }
        if (!spec.volumeMounts().isEmpty()) {
            ArrayNode binds = host.putArray("Binds");
            spec.volumeMounts().forEach((volume, path) -> binds.add(volume + ":" + path));
        }
        if (!spec.bindMounts().isEmpty()) {
            // Mounts, not Binds: for a missing source the engine then fails instead of creating it.
            ArrayNode mounts = host.putArray("Mounts");
            spec.bindMounts()
                    .forEach((source, target) -> mounts.addObject()
                            .put("Type", "bind")
                            .put("Source", source)
                            .put("Target", target));
        }
        if (!spec.ports().isEmpty()) {
            ObjectNode exposed = body.putObject("ExposedPorts");
            ObjectNode bindings = host.putObject("PortBindings");
            spec.ports().forEach((port, binding) -> {
                exposed.putObject(port + "/tcp");
                bindings.putArray(port + "/tcp")
                        .addObject()
                        .put("HostIp", binding.hostIp())
                        .put("HostPort", binding.hostPort() == 0 ? "" : Integer.toString(binding.hostPort()));
            });
        }
        if (spec.networkMode() != null) {
            host.put("NetworkMode", spec.networkMode());
        }
        return body;
    }

    @Override
    public void copyToContainer(String containerId, String path, InputStream tar) {
        String what = "copy files into container " + containerId;
        calls.run(
                what,
                () -> send(
                        what,
                        raw(Request.Method.PUT, "/containers/" + containerId + "/archive?path=" + encode(path))
                                .putHeader("Content-Type", "application/x-tar")
                                .body(tar)
                                .build()));
    }

    /** A stream: docker-java's archive command, its body watched like every stream's. */
    @Override
    public void copyFromContainer(String containerId, String path, OutputStream target) {
        String what = "copy " + path + " out of container " + containerId;
        calls.stream(what, watch -> {
            try (InputStream in = watch.watched(
                    client().copyArchiveFromContainerCmd(containerId, path).exec())) {
                copy(in, target);
            } catch (NotFoundException e) {
                throw calls.statusError(what, 404, bodyText(e));
            }
            return null;
        });
    }

    private static String bodyText(com.github.dockerjava.api.exception.DockerException e) {
        return e.getMessage() == null ? "" : e.getMessage().replaceFirst("^Status \\d+:\\s*", "");
    }

    @Override
    public void startContainer(String containerId) {
        String what = "start container " + containerId;
        calls.run(
                what,
                () -> send(
                        what,
                        raw(Request.Method.POST, "/containers/" + containerId + "/start")
                                .build()));
    }

    @Override
    public void removeContainer(String containerId) {
        String what = "remove container " + containerId;
        calls.run(what, () -> {
            try {
                send(
                        what,
                        raw(Request.Method.DELETE, "/containers/" + containerId + "?force=1&v=1")
                                .build());
            } catch (EngineException e) {
                // Absent is fine; so is "removal already in progress" (another clean-up got there).
                if (e.reason() != EngineException.Reason.NOT_FOUND && e.reason() != EngineException.Reason.CONFLICT) {
                    throw e;
                }
            }
            return null;
        });
    }

    /**
     * Raw: attach is a stream read here, on the caller's thread, into one reused buffer and handed
     * on in batches of lines, so a flood of output runs at the engine's speed with bounded memory
     * (docker-java hands every frame, as a new array, to a thread of its own).
     */
    @Override
    public ContainerOutput attachOutput(String containerId) {
        String what = "follow the output of container " + containerId;
        Response response = calls.call("attach to container " + containerId, () -> {
            Response attached = transport.execute(
                    raw(Request.Method.POST, "/containers/" + containerId + "/attach?stream=1&stdout=1&stderr=1")
                            .build());
            if (attached.getStatusCode() >= 300) {
                try (attached) {
                    if (attached.getStatusCode() == 404) {
                        throw removedWhileRunning(containerId);
                    }
                    expectSuccess("attach to container " + containerId, attached);
                }
            }
            return attached;
        });
        return new AttachedOutput(containerId, what, response);
    }

    /**
     * Raw and hijacked, as the stream transport's exec: the transport copies {@code stdin} to the
     * upgraded connection on a thread of its own; the answer is the container's output as above.
     */
    @Override
    public ContainerOutput attachOutput(String containerId, InputStream stdin) {
        String what = "follow the output of container " + containerId;
        Response response = calls.call(
                "attach to container " + containerId,
                () -> HijackedExec.QuietStreams.execute(() -> transport.execute(raw(
                                Request.Method.POST,
                                "/containers/" + containerId + "/attach?stream=1&stdin=1&stdout=1&stderr=1")
                        .hijackedInput(stdin)
                        .build())));
        return new AttachedOutput(containerId, what, response);
    }

    /** What {@link #attachOutput} returns: the attached stream until the container stops. */
    private final class AttachedOutput implements ContainerOutput {
        private final String containerId;
        private final String what;
        private final Response response;

        AttachedOutput(String containerId, String what, Response response) {
            this.containerId = containerId;
            this.what = what;
            this.response = response;
        }

        @Override
        public int follow(LineSink lines) {
            LineSplitter out = new LineSplitter(lines);
            LineSplitter err = new LineSplitter(lines);
            try {
                calls.stream(what, watch -> {
                    String type = response.getHeader("Content-Type");
                    InputStream body = watch.watched(response.getBody());
                    if (type != null && !type.startsWith("application/vnd.docker.")) {
                        // An HTML page or JSON where the container's output should be.
                        throw new BadStream(type, new String(body.readNBytes(80), StandardCharsets.UTF_8));
                    }
                    new OutputFrames(body)
                            .forEach((stream, buffer, offset, length) ->
                                    (stream == OutputFrames.STDERR ? err : out).accept(buffer, offset, length));
                    return null;
                });
            } catch (BadStream e) {
                throw e.failure(calls, what);
            } finally {
                out.flush();
                err.flush();
            }
            return exitCode(containerId);
        }

        @Override
        public void close() {
            response.close();
        }
    }

    /** A stream whose content type is not the engine's; worded by {@link EngineCalls}. */
    private static final class BadStream extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String type;
        private final String head;

        BadStream(String type, String head) {
            super(type);
            this.type = type;
            this.head = head;
        }

        EngineException failure(EngineCalls calls, String what) {
            return new EngineException(
                    "The Docker engine at " + calls.host() + " answered the request to " + what + " with "
                            + io.openim.maven.util.PrintableText.of(type, 60) + " instead of the container's output: '"
                            + io.openim.maven.util.PrintableText.of(head, 80)
                            + "'. Is something else (a proxy, a web server) listening at that address?",
                    EngineException.Reason.BAD_ANSWER);
        }
    }

    /**
     * The exit code once the output ended. The engine ends the stream when the container stops; an
     * end while it still runs is a cut connection (the answer has no length to tell the two apart),
     * and what it printed since would be lost. An engine may close the stream a moment before it
     * marks the container stopped, so "still runs" has to last a while.
     */
    private int exitCode(String containerId) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        boolean running;
        do {
            running = inspect(containerId)
                    .map(c -> c.path("State").path("Running").asBoolean(false))
                    .orElseThrow(() -> removedWhileRunning(containerId));
        } while (running && System.nanoTime() < deadline && pause(50));
        if (running) {
            throw new EngineException(
                    "Lost the connection to the Docker engine at " + endpoint.host() + " while following the output"
                            + " of container " + containerId + ": the stream ended while the container still runs",
                    EngineException.Reason.CONNECTION_LOST);
        }
        String what = "wait for container " + containerId;
        JsonNode exit = calls.call(
                what,
                () -> json(
                                what,
                                raw(Request.Method.POST, "/containers/" + containerId + "/wait")
                                        .build())
                        .orElseThrow(() -> removedWhileRunning(containerId)));
        if (!exit.has("StatusCode")) {
            throw new EngineException(
                    "The engine did not report the exit code of container " + containerId,
                    EngineException.Reason.CONNECTION_LOST);
        }
        return exit.get("StatusCode").asInt();
    }

    private static EngineException removedWhileRunning(String containerId) {
        return new EngineException(
                "Container " + containerId + " was removed while it ran (interrupted?)",
                EngineException.Reason.NOT_FOUND);
    }

    /** Raw, read here: docker-java's log command is a stream handed to a thread of its own. */
    @Override
    public String logs(String containerId, int tailLines) {
        StringBuilder text = new StringBuilder();
        try {
            calls.call("read the log of container " + containerId, () -> {
                try (Response response = transport.execute(raw(
                                Request.Method.GET,
                                "/containers/" + containerId + "/logs?stdout=1&stderr=1&tail=" + tailLines)
                        .build())) {
                    expectSuccess("read the log of container " + containerId, response);
                    new OutputFrames(response.getBody())
                            .forEach((stream, buffer, offset, length) ->
                                    text.append(new String(buffer, offset, length, StandardCharsets.UTF_8)));
                }
                return null;
            });
        } catch (EngineException e) {
            return "(logs unavailable: " + e.getMessage() + ")";
        }
        return text.toString().strip();
    }

    /**
     * The exec is made with docker-java's command; its stdin and stdout then travel over the
     * transport's hijacked connection (a raw request with {@code hijackedInput}), read here.
     */
    @Override
    public ExecStream execStream(String containerId, List<String> command, Consumer<String> errors) {
        String what = "start " + command.get(0) + " in container " + containerId;
        String execId = calls.call(
                what,
                () -> client().execCreateCmd(containerId)
                        .withAttachStdin(true)
                        .withAttachStdout(true)
                        .withAttachStderr(true)
                        .withTty(false)
                        .withCmd(command.toArray(String[]::new))
                        .exec()
                        .getId());
        return HijackedExec.start(calls, transport, execId, what, errors);
    }

    @Override
    public Optional<Integer> publishedPort(String containerId, int containerPort) {
        JsonNode c = inspect(containerId)
                .orElseThrow(() -> new EngineException(
                        "Docker engine at " + endpoint.host() + " could not inspect container " + containerId
                                + ": no such container",
                        EngineException.Reason.NOT_FOUND));
        for (JsonNode binding : c.path("NetworkSettings").path("Ports").path(containerPort + "/tcp")) {
            try {
                return Optional.of(Integer.parseInt(binding.path("HostPort").asText()));
            } catch (NumberFormatException e) {
                // Try the next binding.
            }
        }
        return Optional.empty();
    }

    /** Sleeps; false when interrupted (the caller then stops waiting). */
    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public int attachInteractive(String containerId) {
        // A raw terminal on both ends is the docker CLI's job: it attaches, to the same engine, a
        // container this adapter created.
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

    // ---- volumes -------------------------------------------------------------------------

    @Override
    public String createVolume(String name, Map<String, String> labels) {
        return calls.call("create volume " + name, () -> {
            String made = client().createVolumeCmd()
                    .withName(name)
                    .withLabels(labels)
                    .exec()
                    .getName();
            return made == null ? name : made;
        });
    }

    @Override
    public List<VolumeInfo> listVolumes(Map<String, String> labels) {
        List<String> filter = labelWords(labels);
        return calls.call("list volumes", () -> {
            var volumes =
                    client().listVolumesCmd().withFilter("label", filter).exec().getVolumes();
            List<VolumeInfo> result = new ArrayList<>();
            if (volumes != null) {
                volumes.forEach(volume -> result.add(new VolumeInfo(volume.getName(), volume.getLabels())));
            }
            return result;
        });
    }

    @Override
    public void removeVolume(String name) {
        calls.run("remove volume " + name, () -> {
            try {
                client().removeVolumeCmd(name).exec();
            } catch (NotFoundException gone) {
                // Absent is fine.
            }
            return null;
        });
    }

    @Override
    public void close() {
        calls.close();
        transport.close();
    }
}
