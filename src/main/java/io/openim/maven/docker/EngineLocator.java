package io.openim.maven.docker;

import io.openim.maven.setting.Setting;
import io.openim.maven.util.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides where the engine is, in this order: the {@code dockerHost} setting, {@code DOCKER_HOST}
 * (with {@code DOCKER_TLS_VERIFY}/{@code DOCKER_CERT_PATH}), the current Docker CLI context, the
 * system socket, then the per-user socket of Docker Desktop and rootless setups. The first
 * configured source is the only one tried: an engine the user named that does not answer is an
 * error, never a silent switch to another engine. Without configuration both sockets are tried.
 */
public final class EngineLocator {

    private static final Pattern CURRENT_CONTEXT = Pattern.compile("\"currentContext\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern CONTEXT_HOST =
            Pattern.compile("\"docker\"\\s*:\\s*\\{[^}]*?\"Host\"\\s*:\\s*\"([^\"]+)\"");

    private final Map<String, String> environment;
    private final Path userHome;

    public EngineLocator(Map<String, String> environment, Path userHome) {
        this.environment = environment;
        this.userHome = userHome;
    }

    public List<EngineEndpoint> candidates(String configuredHost) {
        if (notBlank(configuredHost)) {
            return List.of(EngineEndpoint.plain(configuredHost.trim(), "dockerHost / openim.docker.host"));
        }
        String dockerHost = environment.get("DOCKER_HOST");
        if (notBlank(dockerHost)) {
            String tls = environment.getOrDefault("DOCKER_TLS_VERIFY", "");
            boolean verify = !tls.isBlank() && !"0".equals(tls) && !"false".equalsIgnoreCase(tls);
            String certPath = environment.get("DOCKER_CERT_PATH");
            if (verify && !notBlank(certPath)) {
                certPath = dockerConfigDir().toString();
            }
            return List.of(new EngineEndpoint(dockerHost.trim(), "DOCKER_HOST", verify, verify ? certPath : null));
        }
        Optional<EngineEndpoint> context = contextHost();
        if (context.isPresent()) {
            return List.of(context.get());
        }
        return List.of(
                EngineEndpoint.plain("unix:///var/run/docker.sock", "system socket"),
                EngineEndpoint.plain("unix://" + userHome.resolve(".docker/run/docker.sock"), "user socket"));
    }

    private Optional<EngineEndpoint> contextHost() {
        String name = environment.get("DOCKER_CONTEXT");
        Path configDir = dockerConfigDir();
        if (!notBlank(name)) {
            name = firstGroup(CURRENT_CONTEXT, read(configDir.resolve("config.json")))
                    .orElse("");
        }
        if (name.isBlank() || "default".equals(name)) {
            return Optional.empty();
        }
        Path meta = configDir.resolve("contexts/meta").resolve(sha256(name)).resolve("meta.json");
        String contextName = name;
        Optional<String> host = firstGroup(CONTEXT_HOST, read(meta));
        if (host.isEmpty()) {
            throw new EngineUnavailableException("The Docker context '" + name + "' is selected (DOCKER_CONTEXT or "
                    + configDir.resolve("config.json") + ") but " + meta + " names no engine. Run `docker context use"
                    + " default`, or set " + Setting.DOCKER_HOST.describe() + " or DOCKER_HOST.");
        }
        return host.map(h -> EngineEndpoint.plain(h, "Docker context '" + contextName + "'"));
    }

    private Path dockerConfigDir() {
        String configured = environment.get("DOCKER_CONFIG");
        return notBlank(configured) ? Path.of(configured) : userHome.resolve(".docker");
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static Optional<String> firstGroup(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    static String sha256(String text) {
        return Sha256.hex(text);
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
