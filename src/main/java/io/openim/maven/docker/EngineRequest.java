package io.openim.maven.docker;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the plugin knows about where the engine is: the {@code dockerHost} setting (may be null),
 * the environment (DOCKER_HOST, DOCKER_CONTEXT, …) and the user's home (Docker CLI config).
 */
public record EngineRequest(String dockerHost, Map<String, String> environment, Path userHome) {

    public EngineRequest {
        environment = Map.copyOf(environment);
    }
}
