package io.openim.maven.util;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads a tar stream entry by entry, without holding it in memory: what an engine's {@code docker
 * save} and the plugin's own archives contain. The header helpers serve code that rewrites headers
 * in place ({@code LayerTimes}).
 */
public final class TarStream {

    private final TarArchiveInputStream in;

    /** One entry's header; its content is read from {@link #content()} until the next {@link #next()}. */
    public record Entry(String name, long size, char type, int mode, long mtime) {
        public boolean isFile() {
            return type == '0' || type == 0;
        }
    }

    /**
     * Reads with commons-compress (docker-java brings it): GNU long names, PAX records and base-256
     * sizes included. It read a {@code docker save} export faster than the plugin's own reader did
     * (scripts/bench/tar-paths.sh); writing stays {@link TarWriter}'s, which was faster there.
     */
    public TarStream(InputStream in) {
        this.in = new TarArchiveInputStream(in);
    }

    /** The next entry, or null at the end of the archive. */
    public Entry next() throws IOException {
        TarArchiveEntry entry = in.getNextEntry();
        if (entry == null) {
            return null;
        }
        String name = entry.getName();
        char type = entry.isSymbolicLink()
                ? '2'
                : entry.isLink() ? '1' : entry.isDirectory() ? '5' : entry.isFile() ? '0' : '?';
        return new Entry(
                name.startsWith("./") ? name.substring(2) : name,
                entry.getSize(),
                type,
                entry.getMode() & 07777,
                entry.getLastModifiedTime() == null
                        ? 0
                        : entry.getLastModifiedTime().toMillis() / 1000);
    }

    /** The current entry's content; reading past its end gives end-of-stream. */
    public InputStream content() {
        return new FilterInputStream(in) {
            @Override
            public void close() {
                // The archive goes on; closing one entry's content must not end it.
            }
        };
    }

    /** The current entry's content, for small entries. */
    public byte[] readAll() throws IOException {
        return in.readAllBytes();
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
