package io.openim.maven.containers;

import io.openim.maven.docker.DockerEngine;

/** How the host's rsync client reaches the rsync container ({@code syncTransport}). */
public enum SyncTransport {
    /** Decide by the engine: {@link #PORT} when it is on this machine, else {@link #STREAM}. Never {@link #BIND}. */
    AUTO,
    /** A port the engine publishes on its 127.0.0.1: the seed's way, for an engine on this machine. */
    PORT,
    /** rsync's daemon protocol carried over the engine's API: no port, any engine. */
    STREAM,
    /**
     * No copies: the build container mounts the checkout itself (an engine on this machine only),
     * the caches stay in the data container's volumes.
     */
    BIND;

    /** The transport to use with {@code engine}: AUTO decided. */
    public SyncTransport resolve(DockerEngine engine) {
        if (this != AUTO) {
            return this;
        }
        return engine.onThisMachine() ? PORT : STREAM;
    }
}
