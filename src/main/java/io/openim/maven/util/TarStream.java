package io.openim.maven.util;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a tar stream entry by entry, without holding it in memory: ustar and GNU headers, PAX
 * and GNU long names. What an engine's {@code docker save} and the plugin's own archives contain.
 */
public final class TarStream {

    private static final int BLOCK = 512;

    private final InputStream in;
    private long remaining;
    private long padding;
    private String pendingName;

    /** One entry's header; its content is read from {@link #content()} until the next {@link #next()}. */
    public record Entry(String name, long size, char type, int mode, long mtime) {
        public boolean isFile() {
            return type == '0' || type == 0;
        }
    }

    public TarStream(InputStream in) {
        this.in = in;
    }

    /** The next entry, or null at the end of the archive. */
    public Entry next() throws IOException {
        skipRest();
        while (true) {
            byte[] header = in.readNBytes(BLOCK);
            if (header.length < BLOCK || isZero(header)) {
                return null;
            }
            char type = (char) header[156];
            long size = parseOctal(header, 124, 12);
            String name = text(header, 0, 100);
            String prefix = text(header, 345, 155);
            if (!prefix.isEmpty() && isUstar(header)) {
                name = prefix + "/" + name;
            }
            remaining = size;
            padding = (BLOCK - size % BLOCK) % BLOCK;
            if (type == 'L') {
                pendingName = new String(readAll(), StandardCharsets.UTF_8).replace("\0", "");
                continue;
            }
            if (type == 'x') {
                String path = paxPath(new String(readAll(), StandardCharsets.UTF_8));
                if (path != null) {
                    pendingName = path;
                }
                continue;
            }
            if (type == 'g') {
                readAll();
                continue;
            }
            if (pendingName != null) {
                name = pendingName;
                pendingName = null;
            }
            return new Entry(
                    name.startsWith("./") ? name.substring(2) : name,
                    size,
                    type,
                    (int) parseOctal(header, 100, 8),
                    parseOctal(header, 136, 12));
        }
    }

    /** The current entry's content; reading past its end gives end-of-stream. */
    public InputStream content() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("The archive ends inside an entry");
                }
                remaining--;
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int read = in.read(buffer, offset, (int) Math.min(length, remaining));
                if (read < 0) {
                    throw new EOFException("The archive ends inside an entry");
                }
                remaining -= read;
                return read;
            }
        };
    }

    /** The current entry's content, for small entries. */
    public byte[] readAll() throws IOException {
        byte[] bytes = content().readAllBytes();
        skipRest();
        return bytes;
    }

    private void skipRest() throws IOException {
        if (remaining > 0) {
            in.skipNBytes(remaining);
            remaining = 0;
        }
        if (padding > 0) {
            in.skipNBytes(padding);
            padding = 0;
        }
    }

    private static String paxPath(String records) {
        for (String record : records.split("\n")) {
            int space = record.indexOf(' ');
            int equals = record.indexOf('=');
            if (space > 0
                    && equals > space
                    && record.substring(space + 1, equals).equals("path")) {
                return record.substring(equals + 1);
            }
        }
        return null;
    }

    private static boolean isUstar(byte[] header) {
        return text(header, 257, 5).equals("ustar");
    }

    /** Whether a header block is all zeros: the end of a tar stream. */
    public static boolean isZero(byte[] header) {
        for (byte b : header) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    /** A numeric header field: octal, or GNU base-256 when its first bit is set. */
    public static long parseOctal(byte[] header, int offset, int length) {
        if ((header[offset] & 0x80) != 0) {
            // GNU base-256 for sizes of 8 GiB and more.
            long value = 0;
            for (int i = offset + 1; i < offset + length; i++) {
                value = (value << 8) | (header[i] & 0xff);
            }
            return value;
        }
        String digits = text(header, offset, length).trim();
        return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
    }
}
