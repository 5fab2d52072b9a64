package io.openim.maven.containers;

import java.io.InputStream;
import java.util.concurrent.CountDownLatch;

/**
 * The stdin of a build container started ahead of its sources: it gives nothing until the goal
 * {@link #open opens} it (one line, then the end: the command runs) or {@link #cancel cancels} it
 * (the end alone: the container exits without running it). Read by the engine transport's thread.
 */
final class StartGate extends InputStream {

    private final CountDownLatch decided = new CountDownLatch(1);
    private volatile boolean go;
    private int sent;

    /** The sources are in: the command may run. */
    void open() {
        go = true;
        decided.countDown();
    }

    /** The command is not to run (the sync failed, or the goal stops). */
    void cancel() {
        decided.countDown();
    }

    @Override
    public int read() {
        try {
            decided.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
        if (!go || sent > 0) {
            return -1;
        }
        sent++;
        return '\n';
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        int next = read();
        if (next < 0) {
            return -1;
        }
        buffer[offset] = (byte) next;
        return 1;
    }
}
