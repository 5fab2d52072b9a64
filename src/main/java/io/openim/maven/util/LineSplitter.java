package io.openim.maven.util;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Turns chunks of output (as they arrive from a stream, split anywhere) into whole lines, handed
 * on in one batch per chunk. Bytes are kept until a newline, so a UTF-8 character split across
 * chunks stays intact; but never more than {@link #MAX_LINE} bytes: a longer line is handed on in
 * pieces, each but the last ending in {@link #CONTINUES} and each but the first starting with
 * {@link #CONTINUED}, so an endless line cannot fill the memory.
 */
public final class LineSplitter {

    /** The longest piece of a line that is held before it is handed on. */
    public static final int MAX_LINE = 64 * 1024;

    /** The end of a piece that the next one continues. */
    public static final String CONTINUES = " [...]";

    /** The start of a piece that continues the one before. */
    public static final String CONTINUED = "[...] ";

    /** A batch is handed on once its lines hold this many bytes, so one huge chunk is not one huge call. */
    private static final int MAX_BATCH_BYTES = 256 * 1024;

    private final LineSink sink;
    private byte[] pending = new byte[256];
    private int pendingLength;
    private boolean continuing;
    /** The batch's lines as UTF-8, each ended by a newline; decoded once when handed on. */
    private byte[] batch = new byte[1024];

    private int batchLength;
    private int batchCount;

    public LineSplitter(LineSink sink) {
        this.sink = sink;
    }

    /** A splitter that hands each line on by itself. */
    public static LineSplitter eachLine(Consumer<String> lines) {
        return new LineSplitter(LineSink.each(lines));
    }

    public void accept(byte[] chunk) {
        accept(chunk, 0, chunk.length);
    }

    public void accept(String chunk) {
        accept(chunk.getBytes(StandardCharsets.UTF_8));
    }

    public synchronized void accept(byte[] chunk, int offset, int length) {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (chunk[i] == '\n') {
                line(chunk, start, i);
                start = i + 1;
            }
        }
        hold(chunk, start, end);
        handOn();
    }

    /** Hands over a last line that had no newline. */
    public synchronized void flush() {
        if (pendingLength > 0) {
            line(NOTHING, 0, 0);
        }
        handOn();
    }

    private static final byte[] NOTHING = new byte[0];

    /** One whole line: what is pending plus {@code chunk[from, to)}. */
    private void line(byte[] chunk, int from, int to) {
        if (pendingLength == 0 && to - from <= MAX_LINE) {
            int stop = to > from && chunk[to - 1] == '\r' ? to - 1 : to;
            add(continuing ? CONTINUED_BYTES : NOTHING, chunk, from, stop, NOTHING);
        } else {
            hold(chunk, from, to);
            int stop = pendingLength > 0 && pending[pendingLength - 1] == '\r' ? pendingLength - 1 : pendingLength;
            add(continuing ? CONTINUED_BYTES : NOTHING, pending, 0, stop, NOTHING);
            pendingLength = 0;
        }
        continuing = false;
    }

    /** Keeps {@code chunk[from, to)} for the line's end to come, handing on full pieces. */
    private void hold(byte[] chunk, int from, int to) {
        while (from < to) {
            int room = MAX_LINE - pendingLength;
            int take = Math.min(room, to - from);
            if (pending.length < pendingLength + take) {
                pending =
                        Arrays.copyOf(pending, Math.min(MAX_LINE, Math.max(pending.length * 2, pendingLength + take)));
            }
            System.arraycopy(chunk, from, pending, pendingLength, take);
            pendingLength += take;
            from += take;
            if (pendingLength == MAX_LINE) {
                piece();
            }
        }
    }

    /** Hands on the pending bytes as a piece of a longer line, cut where no character is split. */
    private void piece() {
        int cut = pendingLength;
        // Back off over UTF-8 continuation bytes (10xxxxxx) and the lead byte they follow.
        int back = cut - 1;
        while (back > 0 && (pending[back] & 0xC0) == 0x80) {
            back--;
        }
        if (back < cut - 1 || (pending[back] & 0x80) != 0) {
            int width = utf8Width(pending[back]);
            if (back + width > cut) {
                cut = back;
            }
        }
        add(continuing ? CONTINUED_BYTES : NOTHING, pending, 0, cut, CONTINUES_BYTES);
        continuing = true;
        System.arraycopy(pending, cut, pending, 0, pendingLength - cut);
        pendingLength -= cut;
    }

    private static int utf8Width(byte lead) {
        int b = lead & 0xFF;
        if (b >= 0xF0) {
            return 4;
        }
        if (b >= 0xE0) {
            return 3;
        }
        if (b >= 0xC0) {
            return 2;
        }
        return 1;
    }

    private static final byte[] CONTINUES_BYTES = CONTINUES.getBytes(StandardCharsets.UTF_8);
    private static final byte[] CONTINUED_BYTES = CONTINUED.getBytes(StandardCharsets.UTF_8);

    /** Adds one line to the batch: {@code prefix}, {@code bytes[from, to)}, {@code suffix}, a newline. */
    private void add(byte[] prefix, byte[] bytes, int from, int to, byte[] suffix) {
        int length = prefix.length + (to - from) + suffix.length + 1;
        if (batch.length < batchLength + length) {
            batch = Arrays.copyOf(batch, Math.max(batch.length * 2, batchLength + length));
        }
        System.arraycopy(prefix, 0, batch, batchLength, prefix.length);
        batchLength += prefix.length;
        System.arraycopy(bytes, from, batch, batchLength, to - from);
        batchLength += to - from;
        System.arraycopy(suffix, 0, batch, batchLength, suffix.length);
        batchLength += suffix.length;
        batch[batchLength++] = '\n';
        batchCount++;
        if (batchLength >= MAX_BATCH_BYTES) {
            handOn();
        }
    }

    private void handOn() {
        if (batchCount == 0) {
            return;
        }
        // The last newline ends the last line; the text holds only the ones between lines.
        Lines lines = Lines.joined(new String(batch, 0, batchLength - 1, StandardCharsets.UTF_8), batchCount);
        batchLength = 0;
        batchCount = 0;
        if (batch.length > 4 * MAX_BATCH_BYTES) {
            batch = new byte[1024];
        }
        sink.lines(lines);
    }
}
