package io.openim.maven.docker;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the plugin knows about where the engine is: the {@code dockerHost}, {@code dockerTlsVerify}
 * and {@code dockerCertPath} settings (each may be null), the environment (DOCKER_HOST,
 * DOCKER_CONTEXT, …) and the user's home (Docker CLI config).
 */
public record EngineRequest(
        String dockerHost, Boolean tlsVerify, String certPath, Map<String, String> environment, Path userHome) {

    public EngineRequest {
        environment = Map.copyOf(environment);
    }

    public EngineRequest(String dockerHost, Map<String, String> environment, Path userHome) {
        this(dockerHost, null, null, environment, userHome);
    }
}
