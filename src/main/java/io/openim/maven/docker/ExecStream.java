package io.openim.maven.docker;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * A process started in a running container whose stdin and stdout travel over the engine's API
 * connection, so nothing in the container listens on a port. Closing it ends the connection, and
 * with it the process's stdin and stdout.
 */
public interface ExecStream extends AutoCloseable {

    /** What the process writes to stdout (its stderr goes to the consumer given when it started). */
    InputStream output();

    /** The process's stdin. */
    OutputStream input();

    @Override
    void close();
}
