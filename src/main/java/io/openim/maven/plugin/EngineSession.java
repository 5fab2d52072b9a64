package io.openim.maven.plugin;

import io.openim.maven.docker.DockerEngine;
import io.openim.maven.docker.EngineFactory;
import io.openim.maven.docker.EngineRequest;
import io.openim.maven.util.Console;

/** The engine of one goal execution, opened on first use and closed with the goal. */
final class EngineSession implements AutoCloseable {

    private final EngineFactory factory;
    private final EngineRequest request;
    private final Console console;
    private DockerEngine engine;

    EngineSession(EngineFactory factory, EngineRequest request, Console console) {
        this.factory = factory;
        this.request = request;
        this.console = console;
    }

    synchronized DockerEngine engine() {
        if (engine == null) {
            engine = factory.open(request, console);
        }
        return engine;
    }

    @Override
    public synchronized void close() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }
}
