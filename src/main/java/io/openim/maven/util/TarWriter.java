package io.openim.maven.util;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a POSIX ustar archive of regular files. Enough for build contexts and for handing
 * configuration to a container; no links, no long names beyond 100 + 155 characters.
 */
public final class TarWriter implements AutoCloseable {

    private static final int BLOCK = 512;
    /** Eleven octal digits of size field. */
    private static final long MAX_SIZE = 1L << 33;

    private final OutputStream out;

    public TarWriter(OutputStream out) {
        this.out = out;
    }

    /**
     * Adds a regular file. {@code mode} is the permission bits (e.g. 0644); {@code uid}/{@code gid}
     * become the owner when the engine unpacks the archive into a container.
     */
    public void addFile(String path, byte[] content, int mode, int uid, int gid) throws IOException {
        writeHeader(path, content.length, mode, uid, gid);
        out.write(content);
        pad(content.length);
    }

    /** Adds a file streamed from disk, so large binaries never sit in memory. */
    public void addFile(String path, Path source, int mode) throws IOException {
        long size = Files.size(source);
        writeHeader(path, size, mode, 0, 0);
        try (InputStream in = Files.newInputStream(source)) {
            long copied = in.transferTo(out);
            if (copied != size) {
                throw new IOException(source + " changed while it was being archived");
            }
        }
        pad(size);
    }

    private void pad(long size) throws IOException {
        int padding = (int) ((BLOCK - size % BLOCK) % BLOCK);
        out.write(new byte[padding]);
    }

    private void writeHeader(String path, long size, int mode, int uid, int gid) throws IOException {
        if (size >= MAX_SIZE) {
            throw new IOException(path + " is 8 GiB or larger, which a ustar entry cannot hold");
        }
        byte[] header = new byte[BLOCK];
        String name = path;
        String prefix = "";
        if (utf8Length(name) > 100) {
            int slash = path.lastIndexOf('/', path.length() - 2);
            while (slash > 0
                    && (utf8Length(path.substring(slash + 1)) > 100 || utf8Length(path.substring(0, slash)) > 155)) {
                slash = path.lastIndexOf('/', slash - 1);
            }
            if (slash <= 0) {
                throw new IOException("Path too long for a tar entry: " + path);
            }
            prefix = path.substring(0, slash);
            name = path.substring(slash + 1);
        }
        put(header, 0, 100, name);
        octal(header, 100, 8, mode);
        octal(header, 108, 8, uid);
        octal(header, 116, 8, gid);
        octal(header, 124, 12, size);
        octal(header, 136, 12, 0);
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        header[156] = '0';
        put(header, 257, 6, "ustar");
        put(header, 263, 2, "00");
        put(header, 345, 155, prefix);
        long checksum = 0;
        for (byte b : header) {
            checksum += b & 0xff;
        }
        octal(header, 148, 7, checksum);
        header[155] = ' ';
        out.write(header);
    }

    /** Ends the archive with the two empty blocks tar expects. */
    @Override
    public void close() throws IOException {
        out.write(new byte[2 * BLOCK]);
        out.flush();
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void put(byte[] header, int offset, int length, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, header, offset, Math.min(bytes.length, length));
    }

    private static void octal(byte[] header, int offset, int length, long value) {
        String digits = Long.toOctalString(value);
        StringBuilder field = new StringBuilder();
        for (int i = digits.length(); i < length - 1; i++) {
            field.append('0');
        }
        field.append(digits);
        put(header, offset, length - 1, field.toString());
        header[offset + length - 1] = 0;
    }
}
