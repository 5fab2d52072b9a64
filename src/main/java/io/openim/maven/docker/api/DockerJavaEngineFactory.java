package io.openim.maven.docker.api;

import io.openim.maven.docker.DockerEngine;
import io.openim.maven.docker.EngineFactory;
import io.openim.maven.docker.EngineRequest;
import io.openim.maven.docker.discovery.EngineConnector;
import io.openim.maven.docker.discovery.EngineLocator;
import io.openim.maven.util.Console;
import javax.inject.Named;
import javax.inject.Singleton;

/** The real engine: located by {@link EngineLocator}, spoken to through docker-java. */
@Named
@Singleton
public final class DockerJavaEngineFactory implements EngineFactory {

    /** Before any of the transport's classes load: its loggers are made quiet when they are made. */
    @Override
    public void prepare() {
        TransportLogging.quiet();
    }

    @Override
    public void check(EngineRequest request) {
        new EngineLocator(request.environment(), request.userHome()).candidates(request);
    }

    @Override
    public DockerEngine open(EngineRequest request, Console console) {
        EngineLocator locator = new EngineLocator(request.environment(), request.userHome());
        DockerEngine engine = new EngineConnector(
                        endpoint -> EngineOpener.open(endpoint, request.engineTimeout()), console::warn)
                .connect(locator.candidates(request));
        console.debug("Docker engine " + engine.host() + ": Engine "
                + engine.version().engineVersion() + ", API " + engine.version().apiVersion());
        return engine;
    }
}
