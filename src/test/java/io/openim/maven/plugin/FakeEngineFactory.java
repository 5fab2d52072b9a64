package io.openim.maven.plugin;

import io.openim.maven.docker.DockerEngine;
import io.openim.maven.docker.EngineFactory;
import io.openim.maven.docker.EngineRequest;
import io.openim.maven.docker.EngineUnavailableException;
import io.openim.maven.docker.FakeDockerEngine;
import io.openim.maven.util.Console;
import java.util.ArrayList;
import java.util.List;

/** Hands the mojos a {@link FakeDockerEngine}, or no engine at all, and records every request. */
final class FakeEngineFactory implements EngineFactory {

    final FakeDockerEngine engine;
    final List<EngineRequest> requests = new ArrayList<>();

    private FakeEngineFactory(FakeDockerEngine engine) {
        this.engine = engine;
    }

    static FakeEngineFactory answering(FakeDockerEngine engine) {
        return new FakeEngineFactory(engine);
    }

    static FakeEngineFactory unavailable() {
        return new FakeEngineFactory(null);
    }

    @Override
    public DockerEngine open(EngineRequest request, Console console) {
        requests.add(request);
        if (engine == null) {
            throw new EngineUnavailableException("No Docker engine answered. Tried, in order:\n  unix:///fake (test)");
        }
        return engine;
    }
}
