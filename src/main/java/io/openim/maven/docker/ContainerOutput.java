package io.openim.maven.docker;

import io.openim.maven.util.LineSink;

/** A container's output, attached before it started; closing it detaches. */
public interface ContainerOutput extends AutoCloseable {

    /**
     * Hands every line the container prints (stdout and stderr) to {@code lines}, in batches as
     * they arrive, until the container stops; returns its exit code.
     */
    int follow(LineSink lines);

    @Override
    void close();
}
