package io.openim.maven.plugin;

import io.openim.maven.OpenImException;
import io.openim.maven.docker.DockerEngine;
import io.openim.maven.docker.EngineFactory;
import io.openim.maven.docker.EngineRequest;
import io.openim.maven.util.Console;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * The engine of one goal execution. Connecting starts as soon as the session is made, on a thread
 * of its own, so that it overlaps the goal's first steps (the build image's context and digest);
 * the goal waits for it only when it first needs the engine. A goal that never does (clean
 * without an engine) never sees a connect failure. Closed with the goal.
 */
final class EngineSession implements AutoCloseable {

    private final CompletableFuture<DockerEngine> opening;

    EngineSession(EngineFactory factory, EngineRequest request, Console console) {
        opening = new CompletableFuture<>();
        Thread opener = new Thread(
                () -> {
                    try {
                        opening.complete(factory.open(request, console));
                    } catch (Throwable t) {
                        opening.completeExceptionally(t);
                    }
                },
                "openim-engine-open");
        opener.setDaemon(true);
        opener.start();
    }

    DockerEngine engine() {
        try {
            return opening.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpenImException("Interrupted while connecting to the Docker engine", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new OpenImException("Could not connect to the Docker engine: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        DockerEngine engine;
        try {
            engine = opening.join();
        } catch (RuntimeException notOpened) {
            return;
        }
        engine.close();
    }
}
