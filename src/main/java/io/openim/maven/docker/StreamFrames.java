package io.openim.maven.docker;

import java.io.IOException;
import java.io.InputStream;

/**
 * The engine's multiplexed stream of a container without a TTY (logs, attach, exec): frames of an
 * 8-byte header (stream 1 = stdout, 2 = stderr; three zero bytes; big-endian length) and payload.
 */
final class StreamFrames {

    static final int STDOUT = 1;
    static final int STDERR = 2;

    /** Receives each frame's payload. */
    interface Sink {
        void frame(int stream, byte[] payload, int length) throws IOException;
    }

    private final InputStream in;
    private final byte[] header = new byte[8];

    StreamFrames(InputStream in) {
        this.in = in;
    }

    /** The next frame's header: its stream and length, or null at the end of the stream. */
    int[] nextHeader() throws IOException {
        int read = 0;
        while (read < header.length) {
            int n = in.read(header, read, header.length - read);
            if (n < 0) {
                return null;
            }
            read += n;
        }
        int size = ((header[4] & 0xff) << 24)
                | ((header[5] & 0xff) << 16)
                | ((header[6] & 0xff) << 8)
                | (header[7] & 0xff);
        return new int[] {header[0], size};
    }

    /** Hands every frame to {@code sink} until the stream ends. */
    void forEach(Sink sink) throws IOException {
        byte[] buffer = new byte[1 << 14];
        int[] next;
        while ((next = nextHeader()) != null) {
            int remaining = next[1];
            while (remaining > 0) {
                int n = in.read(buffer, 0, Math.min(buffer.length, remaining));
                if (n < 0) {
                    return;
                }
                sink.frame(next[0], buffer, n);
                remaining -= n;
            }
        }
    }

    InputStream input() {
        return in;
    }
}
