package io.openim.maven.docker;

import io.openim.maven.util.Console;

/** Opens the engine a goal works with; injected into the mojos so tests can hand them a fake. */
public interface EngineFactory {

    /**
     * Called as a goal starts, before its settings are read: a factory may get ready off the
     * goal's thread (load its classes), so that opening the engine later costs less.
     */
    default void prepare() {}

    /**
     * Finds and opens the engine, or throws {@link EngineUnavailableException} listing everything
     * tried.
     */
    DockerEngine open(EngineRequest request, Console console);

    /**
     * Refuses a request that cannot work (an unsupported address, missing TLS files) without
     * connecting; called before the goal's first side effect.
     */
    default void check(EngineRequest request) {}
}
