package io.openim.maven.docker.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * A bounded pipe between two threads: what the sink's writer writes, the source's reader reads,
 * in order; closing the sink is the reader's end of stream once the rest is read. Unlike the JDK's
 * piped streams it does not fail when the writing thread ends, and a reader waits without polling.
 */
final class BytePipe {

    private final byte[] ring;
    private int start;
    private int size;
    private boolean sinkClosed;
    private boolean sourceClosed;

    BytePipe(int capacity) {
        ring = new byte[capacity];
    }

    InputStream source() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return take(buffer, offset, length);
            }

            @Override
            public void close() {
                closeSource();
            }
        };
    }

    OutputStream sink() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] buffer, int offset, int length) throws IOException {
                put(buffer, offset, length);
            }

            @Override
            public void close() {
                closeSink();
            }
        };
    }

    private synchronized int take(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (size == 0 && !sinkClosed && !sourceClosed) {
            await();
        }
        if (size == 0) {
            return -1;
        }
        int n = Math.min(length, size);
        int first = Math.min(n, ring.length - start);
        System.arraycopy(ring, start, buffer, offset, first);
        System.arraycopy(ring, 0, buffer, offset + first, n - first);
        start = (start + n) % ring.length;
        size -= n;
        notifyAll();
        return n;
    }

    private synchronized void put(byte[] buffer, int offset, int length) throws IOException {
        while (length > 0) {
            while (size == ring.length && !sourceClosed) {
                await();
            }
            if (sourceClosed || sinkClosed) {
                throw new IOException("the pipe is closed");
            }
            int end = (start + size) % ring.length;
            int n = Math.min(length, Math.min(ring.length - size, ring.length - end));
            System.arraycopy(buffer, offset, ring, end, n);
            size += n;
            offset += n;
            length -= n;
            notifyAll();
        }
    }

    synchronized void closeSink() {
        sinkClosed = true;
        notifyAll();
    }

    private synchronized void closeSource() {
        sourceClosed = true;
        notifyAll();
    }

    private void await() throws InterruptedIOException {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting on a pipe");
        }
    }
}
