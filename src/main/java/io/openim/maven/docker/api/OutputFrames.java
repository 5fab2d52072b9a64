package io.openim.maven.docker.api;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A container's output as the engine sends it for attach, logs and exec: frames of an 8-byte
 * header (stream, 0, 0, 0, size as big-endian uint32) and a payload, or, for a TTY, the bytes
 * alone. docker-java's own readers allocate a buffer per frame (its public one is deprecated), so a
 * flood of short lines would be a flood of small arrays; this one reads into one reused buffer and
 * hands payloads on in pieces of at most its size.
 */
final class OutputFrames {

    static final int STDOUT = 1;
    static final int STDERR = 2;

    private static final int HEADER = 8;
    private static final int BUFFER = 64 * 1024;

    /** Receives a payload, or a piece of one, of {@code stream}. */
    interface Handler {
        void payload(int stream, byte[] buffer, int offset, int length) throws IOException;
    }

    private final InputStream in;
    private final byte[] buffer = new byte[BUFFER];

    OutputFrames(InputStream in) {
        this.in = in;
    }

    /** Reads to the end of the stream; a stream that ends inside a frame is an error. */
    void forEach(Handler handler) throws IOException {
        byte[] header = new byte[HEADER];
        int got = readUpTo(header, HEADER);
        if (got == 0) {
            return;
        }
        if (got < HEADER || !isHeader(header)) {
            // A TTY's output: no frames, all of it stdout.
            handler.payload(STDOUT, header, 0, got);
            int read;
            while ((read = in.read(buffer)) >= 0) {
                handler.payload(STDOUT, buffer, 0, read);
            }
            return;
        }
        while (true) {
            int stream = header[0];
            long size = ((header[4] & 0xFFL) << 24)
                    | ((header[5] & 0xFF) << 16)
                    | ((header[6] & 0xFF) << 8)
                    | (header[7] & 0xFF);
            while (size > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, size));
                if (read < 0) {
                    throw new EOFException("the output stream ended inside a frame (" + size + " bytes missing)");
                }
                handler.payload(stream, buffer, 0, read);
                size -= read;
            }
            got = readUpTo(header, HEADER);
            if (got == 0) {
                return;
            }
            if (got < HEADER) {
                throw new EOFException("the output stream ended inside a frame header");
            }
        }
    }

    private static boolean isHeader(byte[] header) {
        return header[0] >= 0 && header[0] <= 2 && header[1] == 0 && header[2] == 0 && header[3] == 0;
    }

    /** Reads until {@code length} bytes or the end; returns how many. */
    private int readUpTo(byte[] target, int length) throws IOException {
        int got = 0;
        while (got < length) {
            int read = in.read(target, got, length - got);
            if (read < 0) {
                break;
            }
            got += read;
        }
        return got;
    }
}
