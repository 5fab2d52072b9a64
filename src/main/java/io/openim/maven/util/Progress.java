package io.openim.maven.util;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;

/**
 * Reports how far a long transfer is, readable in batch mode: nothing for the first seconds, then
 * a line each time another tenth is done ("Saving x: 40% (12.3 MB of 30.8 MB)").
 */
public final class Progress {

    private static final long QUIET_MILLIS = 2_000;

    private final Console console;
    private final String what;
    private final long total;
    private final long start = System.nanoTime();
    private long done;
    private int reportedTenths;

    public Progress(Console console, String what, long total) {
        this.console = console;
        this.what = what;
        this.total = Math.max(total, 1);
    }

    public synchronized void add(long bytes) {
        done += bytes;
        int tenths = (int) Math.min(10, done * 10 / total);
        if (tenths > reportedTenths && (System.nanoTime() - start) / 1_000_000 >= QUIET_MILLIS) {
            reportedTenths = tenths;
            console.info(String.format(
                    Locale.ROOT, "%s: %d%% (%s of %s)", what, tenths * 10, megabytes(done), megabytes(total)));
        }
    }

    /** {@code out}, counting what passes into this progress. */
    public OutputStream counting(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                add(1);
            }

            @Override
            public void write(byte[] buffer, int offset, int length) throws IOException {
                out.write(buffer, offset, length);
                add(length);
            }
        };
    }

    /** {@code in}, counting what is read from it into this progress. */
    public InputStream counting(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                    add(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int read = in.read(buffer, offset, length);
                if (read > 0) {
                    add(read);
                }
                return read;
            }
        };
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }
}
