package io.openim.maven.util;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a POSIX ustar archive of regular files and directories, with the owner, mode and time
 * the caller gives, so the same input always gives the same bytes. No links, no names beyond
 * 100 + 155 characters.
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
        addFile(path, content, mode, uid, gid, 0);
    }

    /** Adds a regular file with a modification time, in seconds since the epoch. */
    public void addFile(String path, byte[] content, int mode, int uid, int gid, long mtime) throws IOException {
        writeHeader(path, content.length, mode, uid, gid, mtime, '0');
        out.write(content);
        pad(content.length);
    }

    /** Adds a file streamed from disk, so large binaries never sit in memory. */
    public void addFile(String path, Path source, int mode) throws IOException {
        addFile(path, source, mode, 0);
    }

    /** Adds a file streamed from disk, owned by root, with a modification time. */
    public void addFile(String path, Path source, int mode, long mtime) throws IOException {
        long size = Files.size(source);
        try (InputStream in = Files.newInputStream(source)) {
            addFile(path, in, size, mode, mtime);
        }
    }

    /** Adds {@code size} bytes read from {@code in} as a file owned by root. */
    public void addFile(String path, InputStream in, long size, int mode, long mtime) throws IOException {
        writeHeader(path, size, mode, 0, 0, mtime, '0');
        long copied = copy(in, size);
        if (copied != size) {
            throw new IOException(path + " changed while it was being archived (" + copied + " of " + size + " bytes)");
        }
        pad(size);
    }

    /** Adds a directory entry; {@code path} ends with '/' or gets one. */
    public void addDirectory(String path, int mode, long mtime) throws IOException {
        writeHeader(path.endsWith("/") ? path : path + "/", 0, mode, 0, 0, mtime, '5');
    }

    private long copy(InputStream in, long size) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long copied = 0;
        int read;
        while (copied < size && (read = in.read(buffer, 0, (int) Math.min(buffer.length, size - copied))) >= 0) {
            out.write(buffer, 0, read);
            copied += read;
        }
        return copied;
    }

    private void pad(long size) throws IOException {
        int padding = (int) ((BLOCK - size % BLOCK) % BLOCK);
        out.write(new byte[padding]);
    }

    private void writeHeader(String path, long size, int mode, int uid, int gid, long mtime, char type)
            throws IOException {
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
        octal(header, 136, 12, mtime);
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        header[156] = (byte) type;
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
