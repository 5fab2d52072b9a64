package io.openim.maven.docker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lists the endpoints to try, most specific first: the {@code dockerHost} setting,
 * {@code DOCKER_HOST} (with {@code DOCKER_TLS_VERIFY}/{@code DOCKER_CERT_PATH}), the current
 * Docker CLI context, the system socket, then the per-user socket of Docker Desktop and rootless
 * setups.
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
        List<EngineEndpoint> result = new ArrayList<>();
        if (notBlank(configuredHost)) {
            result.add(EngineEndpoint.plain(configuredHost.trim(), "dockerHost / openim.docker.host"));
        }
        String dockerHost = environment.get("DOCKER_HOST");
        if (notBlank(dockerHost)) {
            String tls = environment.getOrDefault("DOCKER_TLS_VERIFY", "");
            boolean verify = !tls.isBlank() && !"0".equals(tls) && !"false".equalsIgnoreCase(tls);
            String certPath = environment.get("DOCKER_CERT_PATH");
            if (verify && !notBlank(certPath)) {
                certPath = dockerConfigDir().toString();
            }
            result.add(new EngineEndpoint(dockerHost.trim(), "DOCKER_HOST", verify, verify ? certPath : null));
        }
        contextHost().ifPresent(result::add);
        result.add(EngineEndpoint.plain("unix:///var/run/docker.sock", "system socket"));
        result.add(EngineEndpoint.plain("unix://" + userHome.resolve(".docker/run/docker.sock"), "user socket"));
        return result;
    }

    private Optional<EngineEndpoint> contextHost() {
        String name = environment.get("DOCKER_CONTEXT");
        Path configDir = dockerConfigDir();
        if (!notBlank(name)) {
            name = firstGroup(CURRENT_CONTEXT, read(configDir.resolve("config.json"))).orElse("");
        }
        if (name.isBlank() || "default".equals(name)) {
            return Optional.empty();
        }
        Path meta = configDir.resolve("contexts/meta").resolve(sha256(name)).resolve("meta.json");
        String contextName = name;
        return firstGroup(CONTEXT_HOST, read(meta))
                .map(host -> EngineEndpoint.plain(host, "Docker context '" + contextName + "'"));
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
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
