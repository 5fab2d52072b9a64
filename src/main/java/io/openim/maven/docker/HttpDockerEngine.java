package io.openim.maven.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openim.maven.setting.Setting;
import io.openim.maven.util.Json;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * {@link DockerEngine} over the Engine API itself: each call one HTTP request on
 * {@link EngineHttpClient}, request and reply as JSON trees. No client library's model in between,
 * so a call costs what the engine takes, not a first-use set-up of mappers for a hundred model
 * classes (docker-java's first container inspect alone took 200 ms of a no-op build), and every
 * field the engine sends is there (the platform variant, the image's SHELL).
 */
public final class HttpDockerEngine implements DockerEngine {

    /** Connecting is bounded; so is the first answer, for an endpoint that accepts and never answers. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    static final Duration FIRST_ANSWER_TIMEOUT = Duration.ofSeconds(30);

    /** The image ID in the legacy builder's last line, when no aux message carried it. */
    private static final Pattern BUILT = Pattern.compile("Successfully built ([0-9a-f]{12,64})");

    private final EngineEndpoint endpoint;
    private final EngineHttpClient http;
    private final EngineVersion version;
    private Boolean rootless;

    private HttpDockerEngine(EngineEndpoint endpoint, EngineHttpClient http, EngineVersion version) {
        this.endpoint = endpoint;
        this.http = http;
        this.version = version;
    }

    /** Connects and reads {@code /version} once; throws when the endpoint does not answer. */
    public static DockerEngine open(EngineEndpoint endpoint) {
        EngineHttpClient http = new EngineHttpClient(
                URI.create(endpoint.host()),
                tlsContext(endpoint),
                !endpoint.usesTls() || endpoint.tls().verifyServer(),
                CONNECT_TIMEOUT);
        // The response timeout bounds a TCP engine's first answer; a Unix socket ignores read
        // timeouts, so a watchdog closes the connection of an endpoint that stays silent.
        AtomicBoolean answered = new AtomicBoolean();
        AtomicBoolean silent = new AtomicBoolean();
        CompletableFuture.runAsync(
                () -> {
                    if (!answered.get()) {
                        silent.set(true);
                        closeQuietly(http);
                    }
                },
                CompletableFuture.delayedExecutor(FIRST_ANSWER_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS));
        try {
            EngineVersion version = readVersion(endpoint, http);
            answered.set(true);
            return new HttpDockerEngine(endpoint, http, version);
        } catch (RuntimeException e) {
            answered.set(true);
            closeQuietly(http);
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
        ApiRequest request =
                ApiRequest.builder(ApiRequest.Method.GET, "/version").build();
        try (ApiResponse response = http.execute(request, FIRST_ANSWER_TIMEOUT)) {
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
                version = Json.parse(body);
            } catch (IOException notJson) {
                version = null;
            }
            if (version == null || !version.isObject()) {
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
                        body,
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

    // ---- requests ------------------------------------------------------------------------

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** {@code {"label":["k=v",…]}}, URL-encoded, for the list endpoints. */
    private static String labelFilter(Map<String, String> labels) {
        ObjectNode filters = Json.object();
        ArrayNode label = filters.putArray("label");
        labels.forEach((key, value) -> label.add(value == null ? key : key + "=" + value));
        return encode(Json.text(filters));
    }

    private ApiRequest.Builder request(ApiRequest.Method method, String path) {
        return ApiRequest.builder(method, path);
    }

    private static ApiRequest.Builder json(ApiRequest.Builder builder, JsonNode body) {
        return builder.putHeader("Content-Type", "application/json").bodyBytes(Json.bytes(body));
    }

    private static ApiRequest.Builder tar(ApiRequest.Builder builder, InputStream body) {
        return builder.putHeader("Content-Type", "application/x-tar").body(body);
    }

    /** Sends a request whose reply is JSON (or nothing); a status of 400 or more is an error. */
    private JsonNode call(String what, ApiRequest request) {
        try (ApiResponse response = http.execute(request)) {
            byte[] body = response.getBody().readAllBytes();
            if (response.getStatusCode() >= 400) {
                throw engineError(what, response.getStatusCode(), new String(body, StandardCharsets.UTF_8));
            }
            return body.length == 0 ? Json.nothing() : Json.parse(body);
        } catch (IOException | UncheckedIOException e) {
            throw failure(what, e);
        }
    }

    /** The same, where 404 means "there is none" rather than an error. */
    private Optional<JsonNode> callOrNotFound(String what, ApiRequest request) {
        try {
            return Optional.of(call(what, request));
        } catch (EngineException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private EngineException engineError(String what, int status, String body) {
        String text = CauseText.clean(body);
        EngineException.Reason reason = reasonOf(status, text);
        return new EngineException(
                "Docker engine at " + endpoint.host() + " could not " + what + ": " + text, reason, body, null, status);
    }

    private EngineException failure(String what, Throwable e) {
        if (e instanceof EngineException engineException) {
            return engineException;
        }
        return new EngineException(
                "Lost the connection to the Docker engine at " + endpoint.host() + " while trying to " + what + ": "
                        + CauseText.of(e),
                EngineException.Reason.CONNECTION_LOST,
                null,
                e);
    }

    /** The typed reason of an engine's error: from its status and its words. */
    static EngineException.Reason reasonOf(int status, String text) {
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
        if (status == 404) {
            return EngineException.Reason.NOT_FOUND;
        }
        if (status == 409) {
            return EngineException.Reason.CONFLICT;
        }
        return EngineException.Reason.OTHER;
    }

    /**
     * Reads a stream of JSON messages (build, pull, load) to its end, handing each to
     * {@code message}; an {@code error} message ends it with that error.
     */
    private void readMessages(InputStream body, Consumer<JsonNode> message, StringBuilder error) throws IOException {
        Json.forEachValue(body, next -> {
            message.accept(next);
            String text = next.path("errorDetail")
                    .path("message")
                    .asText(next.path("error").asText(""));
            if (!text.isEmpty() && error.length() == 0) {
                error.append(text);
            }
        });
    }

    // ---- engine and images ---------------------------------------------------------------

    @Override
    public synchronized boolean rootless() {
        if (rootless == null) {
            JsonNode info = call(
                    "read engine info", request(ApiRequest.Method.GET, "/info").build());
            JsonNode options = info.path("SecurityOptions");
            // Docker lists "name=rootless"; rootless Podman (4.3) says so in a field of its own.
            boolean found = info.path("Rootless").asBoolean(false);
            for (JsonNode option : options) {
                found |= option.asText().contains("rootless");
            }
            rootless = found;
        }
        return rootless;
    }

    @Override
    public Optional<ImageInfo> inspectImage(String reference) {
        return callOrNotFound(
                        "inspect image " + reference,
                        request(ApiRequest.Method.GET, "/images/" + reference + "/json")
                                .build())
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
            // A failed build leaves the images of the steps that worked, untagged: they go with it.
            removeStepImages(steps);
            throw e;
        }
    }

    /**
     * Removes the images a failed build made, latest first; never a tagged one, never a parent.
     * A build stopped by Ctrl-C lands here on an interrupted thread, whose calls would fail at
     * once, and with its step container still going: the interrupt waits, "in use" is retried.
     */
    private void removeStepImages(BuildSteps steps) {
        boolean interrupted = Thread.interrupted();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            for (String id : steps.madeLatestFirst()) {
                while (true) {
                    try {
                        if (inspectImage(id)
                                .map(image -> image.tags().isEmpty())
                                .orElse(false)) {
                            callOrNotFound(
                                    "remove image " + id,
                                    request(ApiRequest.Method.DELETE, "/images/" + id + "?noprune=1")
                                            .build());
                        }
                        break;
                    } catch (EngineException e) {
                        // Gone, or still in use after a while: the build's own error matters more.
                        if (e.reason() != EngineException.Reason.CONFLICT
                                || System.nanoTime() > deadline
                                || !pause(200)) {
                            break;
                        }
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String build(ImageBuildRequest request, InputStream contextTar, Consumer<String> output) {
        LastLines last = new LastLines(30);
        LineSplitter splitter = new LineSplitter(line -> {
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
        StringBuilder error = new StringBuilder();
        String[] imageId = {null};
        ApiRequest http = tar(request(ApiRequest.Method.POST, query.toString()), contextTar)
                .build();
        try (ApiResponse response = this.http.execute(http)) {
            if (response.getStatusCode() >= 400) {
                String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
                String text = CauseText.clean(body);
                throw new EngineBuildException(text, reasonOf(response.getStatusCode(), text), last.lines());
            }
            readMessages(
                    response.getBody(),
                    message -> {
                        if (message.hasNonNull("stream")) {
                            splitter.accept(message.get("stream").asText());
                        }
                        String aux = message.path("aux").path("ID").asText("");
                        if (!aux.isEmpty()) {
                            imageId[0] = aux;
                        }
                    },
                    error);
            splitter.flush();
        } catch (IOException | UncheckedIOException e) {
            splitter.flush();
            throw failure("build image " + request.tags(), e);
        }
        if (error.length() > 0) {
            String message = error.toString();
            throw new EngineBuildException(message, reasonOf(500, message), last.lines());
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
        JsonNode images = call(
                "list images",
                request(ApiRequest.Method.GET, "/images/json?filters=" + labelFilter(labels))
                        .build());
        List<ImageInfo> result = new ArrayList<>();
        for (JsonNode image : images) {
            List<String> tags = strings(image.path("RepoTags"));
            tags.removeIf("<none>:<none>"::equals);
            result.add(new ImageInfo(image.path("Id").asText(), tags, labels(image.path("Labels"))));
        }
        return result;
    }

    @Override
    public void pullImage(String reference, String platform) {
        // The API takes the tag, or the digest, apart from the repository.
        int at = reference.indexOf('@');
        int colon = reference.lastIndexOf(':');
        int split = at >= 0 ? at : colon > reference.lastIndexOf('/') ? colon : -1;
        String path = "/images/create?fromImage=" + encode(split >= 0 ? reference.substring(0, split) : reference)
                + "&tag=" + encode(split >= 0 ? reference.substring(split + 1) : "latest")
                + (platform == null ? "" : "&platform=" + encode(platform));
        streamedCall("pull " + reference, request(ApiRequest.Method.POST, path).build());
    }

    /** A call whose reply is a stream of messages that may end in an error (pull, load). */
    private void streamedCall(String what, ApiRequest request) {
        StringBuilder error = new StringBuilder();
        try (ApiResponse response = http.execute(request)) {
            if (response.getStatusCode() >= 400) {
                throw engineError(
                        what,
                        response.getStatusCode(),
                        new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8));
            }
            readMessages(response.getBody(), message -> {}, error);
        } catch (IOException | UncheckedIOException e) {
            throw failure(what, e);
        }
        if (error.length() > 0) {
            throw new EngineException(
                    "Docker engine at " + endpoint.host() + " could not " + what + ": " + error,
                    reasonOf(500, error.toString()),
                    error.toString(),
                    null);
        }
    }

    @Override
    public void loadImage(InputStream archive) {
        streamedCall(
                "load an image archive",
                tar(request(ApiRequest.Method.POST, "/images/load?quiet=1"), archive)
                        .build());
    }

    @Override
    public void removeImage(String reference) {
        callOrNotFound(
                "remove image " + reference,
                request(ApiRequest.Method.DELETE, "/images/" + reference + "?force=1")
                        .build());
    }

    @Override
    public void saveImage(List<String> references, OutputStream target) {
        StringBuilder query = new StringBuilder();
        for (String reference : references) {
            query.append(query.length() == 0 ? "?" : "&").append("names=").append(encode(reference));
        }
        ApiRequest request =
                request(ApiRequest.Method.GET, "/images/get" + query).build();
        byte[] buffer = new byte[1 << 16];
        try (ApiResponse response = http.execute(request);
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
        }
    }

    // ---- containers ----------------------------------------------------------------------

    @Override
    public List<ContainerInfo> listContainers(Map<String, String> labels) {
        JsonNode containers = call(
                "list containers",
                request(ApiRequest.Method.GET, "/containers/json?all=1&filters=" + labelFilter(labels))
                        .build());
        List<ContainerInfo> result = new ArrayList<>();
        for (JsonNode c : containers) {
            List<String> names = strings(c.path("Names"));
            String name = names.isEmpty() ? c.path("Id").asText() : names.get(0);
            result.add(new ContainerInfo(
                    c.path("Id").asText(),
                    name,
                    labels(c.path("Labels")),
                    c.path("State").asText(null),
                    -1,
                    c.path("Image").asText(null)));
        }
        return result;
    }

    private Optional<JsonNode> inspect(String nameOrId) {
        return callOrNotFound(
                "inspect container " + nameOrId,
                request(ApiRequest.Method.GET, "/containers/" + nameOrId + "/json")
                        .build());
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

    @Override
    public String createContainer(ContainerSpec spec) {
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
        return call(
                        "create container " + spec.name(),
                        json(request(ApiRequest.Method.POST, "/containers/create?name=" + encode(spec.name())), body)
                                .build())
                .path("Id")
                .asText();
    }

    @Override
    public void copyToContainer(String containerId, String path, InputStream tar) {
        call(
                "copy files into container " + containerId,
                tar(request(ApiRequest.Method.PUT, "/containers/" + containerId + "/archive?path=" + encode(path)), tar)
                        .build());
    }

    @Override
    public void startContainer(String containerId) {
        call(
                "start container " + containerId,
                request(ApiRequest.Method.POST, "/containers/" + containerId + "/start")
                        .build());
    }

    @Override
    public void removeContainer(String containerId) {
        try {
            callOrNotFound(
                    "remove container " + containerId,
                    request(ApiRequest.Method.DELETE, "/containers/" + containerId + "?force=1&v=1")
                            .build());
        } catch (EngineException e) {
            // "removal already in progress": another cleanup path got there first.
            if (e.reason() != EngineException.Reason.CONFLICT) {
                throw e;
            }
        }
    }

    @Override
    public int runToCompletion(String containerId, Consumer<String> output) {
        LineSplitter out = new LineSplitter(output);
        LineSplitter err = new LineSplitter(output);
        ApiRequest follow = request(
                        ApiRequest.Method.GET, "/containers/" + containerId + "/logs?follow=1&stdout=1&stderr=1")
                .build();
        try (ApiResponse response = http.execute(follow)) {
            if (response.getStatusCode() == 404) {
                throw removedWhileRunning(containerId);
            }
            if (response.getStatusCode() >= 400) {
                throw engineError(
                        "follow the output of container " + containerId,
                        response.getStatusCode(),
                        new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8));
            }
            new StreamFrames(response.getBody()).forEach((stream, payload, length) -> {
                byte[] chunk = java.util.Arrays.copyOf(payload, length);
                (stream == StreamFrames.STDERR ? err : out).accept(chunk);
            });
        } catch (IOException | UncheckedIOException e) {
            out.flush();
            err.flush();
            throw failure("follow container " + containerId, e);
        }
        out.flush();
        err.flush();
        // The engine ends the stream when the container stops; an end while it still runs is a
        // cut connection (its answer has no length to tell the two apart), and what it printed
        // since would be lost. An engine may close the stream a moment before it marks the
        // container stopped, so "still runs" has to last a while.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        boolean running;
        do {
            try {
                running = inspect(containerId)
                        .map(c -> c.path("State").path("Running").asBoolean(false))
                        .orElseThrow(() -> removedWhileRunning(containerId));
            } catch (EngineException e) {
                throw e.reason() == EngineException.Reason.NOT_FOUND ? removedWhileRunning(containerId) : e;
            }
        } while (running && System.nanoTime() < deadline && pause(50));
        if (running) {
            throw new EngineException(
                    "Lost the connection to the Docker engine at " + endpoint.host() + " while following the output"
                            + " of container " + containerId + ": the stream ended while the container still runs",
                    EngineException.Reason.CONNECTION_LOST);
        }
        JsonNode exit;
        try {
            exit = call(
                    "wait for container " + containerId,
                    request(ApiRequest.Method.POST, "/containers/" + containerId + "/wait")
                            .build());
        } catch (EngineException e) {
            throw e.status() == 404 ? removedWhileRunning(containerId) : e;
        }
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

    @Override
    public String logs(String containerId, int tailLines) {
        StringBuilder text = new StringBuilder();
        ApiRequest request = request(
                        ApiRequest.Method.GET,
                        "/containers/" + containerId + "/logs?stdout=1&stderr=1&tail=" + tailLines)
                .build();
        try (ApiResponse response = http.execute(request)) {
            if (response.getStatusCode() >= 400) {
                return "(logs unavailable: "
                        + CauseText.clean(new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8))
                        + ")";
            }
            new StreamFrames(response.getBody())
                    .forEach((stream, payload, length) ->
                            text.append(new String(payload, 0, length, StandardCharsets.UTF_8)));
        } catch (IOException | RuntimeException e) {
            return "(logs unavailable: " + CauseText.of(e) + ")";
        }
        return text.toString().strip();
    }

    @Override
    public ExecStream execStream(String containerId, List<String> command, Consumer<String> errors) {
        ObjectNode body = Json.object()
                .put("AttachStdin", true)
                .put("AttachStdout", true)
                .put("AttachStderr", true)
                .put("Tty", false);
        body.set("Cmd", Json.of(command));
        String execId = call(
                        "start " + command.get(0) + " in container " + containerId,
                        json(request(ApiRequest.Method.POST, "/containers/" + containerId + "/exec"), body)
                                .build())
                .path("Id")
                .asText();
        try {
            return HijackedExec.start(http, execId, errors);
        } catch (IOException e) {
            throw failure("attach to " + command.get(0) + " in container " + containerId, e);
        }
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
        ObjectNode body = Json.object().put("Name", name);
        body.set("Labels", Json.of(labels));
        return call(
                        "create volume " + name,
                        json(request(ApiRequest.Method.POST, "/volumes/create"), body)
                                .build())
                .path("Name")
                .asText(name);
    }

    @Override
    public List<VolumeInfo> listVolumes(Map<String, String> labels) {
        JsonNode volumes = call(
                        "list volumes",
                        request(ApiRequest.Method.GET, "/volumes?filters=" + labelFilter(labels))
                                .build())
                .path("Volumes");
        List<VolumeInfo> result = new ArrayList<>();
        for (JsonNode volume : volumes) {
            result.add(new VolumeInfo(volume.path("Name").asText(), labels(volume.path("Labels"))));
        }
        return result;
    }

    @Override
    public void removeVolume(String name) {
        callOrNotFound(
                "remove volume " + name,
                request(ApiRequest.Method.DELETE, "/volumes/" + encode(name)).build());
    }

    @Override
    public void close() {
        closeQuietly(http);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Nothing useful to do while closing.
        }
    }
}
