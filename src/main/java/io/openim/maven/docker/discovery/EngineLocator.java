package io.openim.maven.docker.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import io.openim.maven.docker.EngineRequest;
import io.openim.maven.docker.EngineUnavailableException;
import io.openim.maven.setting.Setting;
import io.openim.maven.util.Json;
import io.openim.maven.util.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides where the engine is and how to talk to it, once, in this order: the {@code dockerHost}
 * setting, {@code DOCKER_HOST}, the current Docker CLI context, the system socket, then the
 * per-user socket of Docker Desktop and rootless setups. TLS goes with the address: for the first
 * two from {@code dockerTlsVerify}/{@code dockerCertPath}, else DOCKER_TLS_VERIFY/DOCKER_CERT_PATH;
 * a context brings its own. The first configured source is the only one tried: an engine the user
 * named that does not answer is an error, never a silent switch to another engine.
 */
public final class EngineLocator {

    private final Map<String, String> environment;
    private final Path userHome;

    public EngineLocator(Map<String, String> environment, Path userHome) {
        this.environment = environment;
        this.userHome = userHome;
    }

    public List<EngineEndpoint> candidates(String configuredHost) {
        return candidates(new EngineRequest(configuredHost, null, null, environment, userHome));
    }

    public List<EngineEndpoint> candidates(EngineRequest request) {
        if (request.certPath() != null && Boolean.FALSE.equals(request.tlsVerify())) {
            throw new EngineUnavailableException(Setting.DOCKER_CERT_PATH.describe() + " is set but "
                    + Setting.DOCKER_TLS_VERIFY.describe() + " is false, so the certificates would not be used. Set "
                    + Setting.DOCKER_TLS_VERIFY.describe("true") + " or drop " + Setting.DOCKER_CERT_PATH.describe()
                    + ".");
        }
        if (notBlank(request.dockerHost())) {
            return List.of(checked(withTls(request.dockerHost().trim(), Setting.DOCKER_HOST.parameter(), request)));
        }
        String dockerHost = environment.get("DOCKER_HOST");
        if (notBlank(dockerHost)) {
            return List.of(checked(withTls(dockerHost.trim(), "DOCKER_HOST", request)));
        }
        Optional<EngineEndpoint> context = contextEndpoint();
        if (context.isPresent()) {
            return List.of(checked(context.get()));
        }
        return List.of(
                EngineEndpoint.plain("unix:///var/run/docker.sock", "system socket"),
                EngineEndpoint.plain("unix://" + userHome.resolve(".docker/run/docker.sock"), "user socket"));
    }

    /** TLS for an address named by a setting or DOCKER_HOST: the settings first, then the CLI's variables. */
    private EngineEndpoint withTls(String host, String source, EngineRequest request) {
        boolean verify = request.tlsVerify() != null ? request.tlsVerify() : flag(environment.get("DOCKER_TLS_VERIFY"));
        if (!verify) {
            return EngineEndpoint.plain(host, source);
        }
        String origin;
        Path directory;
        if (notBlank(request.certPath())) {
            directory = Path.of(expandHome(request.certPath().trim()));
            origin = Setting.DOCKER_CERT_PATH.describe();
        } else if (notBlank(environment.get("DOCKER_CERT_PATH"))) {
            directory = Path.of(expandHome(environment.get("DOCKER_CERT_PATH").trim()));
            origin = "DOCKER_CERT_PATH";
        } else {
            directory = dockerConfigDir();
            origin = "the Docker config directory, as neither " + Setting.DOCKER_CERT_PATH.describe()
                    + " nor DOCKER_CERT_PATH is set";
        }
        return new EngineEndpoint(host, source, new EngineTls(directory, true, origin));
    }

    private String expandHome(String path) {
        return path.startsWith("~/") ? userHome.resolve(path.substring(2)).toString() : path;
    }

    /** Refuses, before any connection, what cannot work: unsupported schemes and unusable TLS files. */
    private static EngineEndpoint checked(EngineEndpoint endpoint) {
        String host = endpoint.host();
        String scheme =
                host.contains("://") ? host.substring(0, host.indexOf("://")).toLowerCase(Locale.ROOT) : "";
        switch (scheme) {
            case "unix", "tcp", "http", "https" -> {}
            case "ssh" ->
                throw new EngineUnavailableException("The engine " + endpoint + " is reached over SSH,"
                        + " which openim-maven-plugin does not speak. Forward the engine's socket and point at it:"
                        + " `ssh -nNT -L $HOME/.docker/remote.sock:/var/run/docker.sock USER@HOST` and "
                        + Setting.DOCKER_HOST.describe("unix://$HOME/.docker/remote.sock")
                        + "; or give the engine a TCP+TLS address (dockerd --tlsverify -H tcp://0.0.0.0:2376) and use it"
                        + " with " + Setting.DOCKER_TLS_VERIFY.describe("true") + " or a Docker context with TLS.");
            default ->
                throw new EngineUnavailableException("The engine address " + endpoint + " is not one the"
                        + " plugin can use: give unix:///PATH/docker.sock or tcp://HOST:PORT in "
                        + Setting.DOCKER_HOST.describe() + ".");
        }
        if (endpoint.usesTls()) {
            if ("unix".equals(scheme)) {
                throw new EngineUnavailableException("TLS is on for the Unix socket " + endpoint + ": TLS is for TCP"
                        + " engines. Drop " + Setting.DOCKER_TLS_VERIFY.describe() + " / DOCKER_TLS_VERIFY, or give"
                        + " a tcp:// address.");
            }
            List<String> problems = endpoint.tls().problems();
            if (!problems.isEmpty()) {
                throw new EngineUnavailableException("Cannot use TLS for " + endpoint.host() + ": "
                        + String.join("; ", problems) + ". Put ca.pem, cert.pem and key.pem there, or point "
                        + Setting.DOCKER_CERT_PATH.describe() + " at the directory that has them.");
            }
        }
        return endpoint;
    }

    /** The selected context: DOCKER_CONTEXT, else {@code currentContext} of the CLI's config.json. */
    private Optional<EngineEndpoint> contextEndpoint() {
        String name = environment.get("DOCKER_CONTEXT");
        Path configDir = dockerConfigDir();
        if (!notBlank(name)) {
            name = readJson(configDir.resolve("config.json"))
                    .path("currentContext")
                    .asText("");
        }
        if (name.isBlank() || "default".equals(name)) {
            return Optional.empty();
        }
        String id = sha256(name);
        Path meta = configDir.resolve("contexts/meta").resolve(id).resolve("meta.json");
        JsonNode docker = readJson(meta).path("Endpoints").path("docker");
        String host = docker.path("Host").asText("");
        if (host.isBlank()) {
            throw new EngineUnavailableException("The Docker context '" + name + "' is selected (DOCKER_CONTEXT or "
                    + configDir.resolve("config.json") + ") but " + meta + " names no engine. Run `docker context use"
                    + " default`, or set " + Setting.DOCKER_HOST.describe() + " or DOCKER_HOST.");
        }
        String source = "Docker context '" + name + "'";
        // The CLI keeps a context's TLS files apart from its metadata, under the same hash.
        Path tlsDirectory = configDir.resolve("contexts/tls").resolve(id).resolve("docker");
        if (Files.isDirectory(tlsDirectory) && host.startsWith("tcp://")) {
            boolean skipVerify = docker.path("SkipTLSVerify").asBoolean(false);
            return Optional.of(new EngineEndpoint(
                    host, source, new EngineTls(tlsDirectory, !skipVerify, "the TLS store of " + source)));
        }
        return Optional.of(EngineEndpoint.plain(host, source));
    }

    private Path dockerConfigDir() {
        String configured = environment.get("DOCKER_CONFIG");
        return notBlank(configured) ? Path.of(configured) : userHome.resolve(".docker");
    }

    private static JsonNode readJson(Path file) {
        try {
            return Files.isRegularFile(file) ? Json.parse(Files.readAllBytes(file)) : Json.object();
        } catch (IOException e) {
            return Json.object();
        }
    }

    /** DOCKER_TLS_VERIFY as the docker CLI reads it: any value but empty, 0 and false turns it on. */
    private static boolean flag(String value) {
        return notBlank(value) && !"0".equals(value.trim()) && !"false".equalsIgnoreCase(value.trim());
    }

    static String sha256(String text) {
        return Sha256.hex(text);
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
