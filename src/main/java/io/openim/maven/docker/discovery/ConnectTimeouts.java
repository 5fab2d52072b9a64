package io.openim.maven.docker.discovery;

import java.time.Duration;

/** How long reaching an engine may take, before any request of a goal. */
public final class ConnectTimeouts {

    /** Opening the connection. */
    public static final Duration CONNECT = Duration.ofSeconds(10);

    /** The first answer ({@code /version}), for an endpoint that accepts and never answers. */
    public static final Duration FIRST_ANSWER = Duration.ofSeconds(30);

    private ConnectTimeouts() {}
}
