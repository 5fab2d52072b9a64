package io.openim.maven.docker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What the plugin knows about where the engine is: the {@code dockerHost}, {@code dockerTlsVerify}
 * and {@code dockerCertPath} settings (each may be null), the environment (DOCKER_HOST,
 * DOCKER_CONTEXT, …) and the user's home (Docker CLI config); and how long a request that is not a
 * stream may wait for its answer ({@code engineTimeout}; {@link Duration#ZERO} = no limit).
 */
public record EngineRequest(
        String dockerHost,
        Boolean tlsVerify,
        String certPath,
        Map<String, String> environment,
        Path userHome,
        Duration engineTimeout) {

    /** What {@code engineTimeout} is when nothing sets it. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    public EngineRequest {
        environment = Map.copyOf(environment);
        engineTimeout = engineTimeout == null ? DEFAULT_TIMEOUT : engineTimeout;
    }

    public EngineRequest(
            String dockerHost, Boolean tlsVerify, String certPath, Map<String, String> environment, Path userHome) {
        this(dockerHost, tlsVerify, certPath, environment, userHome, DEFAULT_TIMEOUT);
    }

    public EngineRequest(String dockerHost, Map<String, String> environment, Path userHome) {
        this(dockerHost, null, null, environment, userHome);
    }
}
