package io.openim.maven.docker;

import io.openim.maven.util.Console;
import javax.inject.Named;
import javax.inject.Singleton;

/** The real engine: located by {@link EngineLocator}, spoken to over its HTTP API. */
@Named
@Singleton
public final class HttpEngineFactory implements EngineFactory {

    @Override
    public void check(EngineRequest request) {
        new EngineLocator(request.environment(), request.userHome()).candidates(request);
    }

    @Override
    public DockerEngine open(EngineRequest request, Console console) {
        EngineLocator locator = new EngineLocator(request.environment(), request.userHome());
        DockerEngine engine =
                new EngineConnector(HttpDockerEngine::open, console::warn).connect(locator.candidates(request));
        console.debug("Docker engine " + engine.host() + ": Engine "
                + engine.version().engineVersion() + ", API " + engine.version().apiVersion());
        return engine;
    }
}
