package io.openim.maven.docker.discovery;

import io.openim.maven.docker.EngineAddress;

/**
 * One place an engine may answer, complete: the address and, for TLS, the material to use. Nothing
 * behind it re-reads DOCKER_* variables or contexts. {@code source} says where the address came
 * from, for logs and for the error that lists everything tried.
 *
 * @param tls null for a Unix socket or plain TCP
 */
public record EngineEndpoint(String host, String source, EngineTls tls) {

    public static EngineEndpoint plain(String host, String source) {
        return new EngineEndpoint(host, source, null);
    }

    public boolean usesTls() {
        return tls != null;
    }

    /** A Unix socket, or a TCP address of this machine (loopback): ports the engine publishes are ours. */
    public boolean onThisMachine() {
        return isOnThisMachine(host);
    }

    public static boolean isOnThisMachine(String host) {
        return EngineAddress.isOnThisMachine(host);
    }

    @Override
    public String toString() {
        return host + " (" + source + (tls != null ? ", TLS from " + tls.directory() : "") + ")";
    }
}
