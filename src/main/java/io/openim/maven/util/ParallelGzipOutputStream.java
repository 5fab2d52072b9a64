package io.openim.maven.util;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * gzip written by every core: the input is cut into fixed blocks, each block is deflated on its
 * own (ending on a byte boundary, not final) and the results are written in order, followed by
 * an empty final block and the trailer. The output is one ordinary gzip member and depends only on
 * the bytes written, never on timing, so layers stay reproducible. Memory is bounded by the blocks
 * in flight, whose buffers are reused, whatever the size of the stream.
 */
public final class ParallelGzipOutputStream extends OutputStream {

    /** 1 MiB: large enough that a block's lost 32 KiB of history costs well under 1% in size. */
    static final int BLOCK = 1 << 20;

    /**
     * A block whose first 64 KiB do not shrink by 3% is stored, not deflated: compressed data (a
     * packed archive, media) costs the compressor's time and gains nothing. The decision depends
     * only on the bytes, so it is the same on every run.
     */
    static final int SAMPLE = 1 << 16;

    private static final double STORE_ABOVE = 0.97;
    /** Room for a block that does not shrink: deflate adds 5 bytes per stored block of 64 KiB. */
    private static final int OUTPUT_ROOM = BLOCK + BLOCK / 64 + 1024;

    private static final int THREADS = Runtime.getRuntime().availableProcessors();
    private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS, runnable -> {
        Thread thread = new Thread(runnable, "openim-gzip");
        thread.setDaemon(true);
        return thread;
    });
    private static final ThreadLocal<Deflater> FAST =
            ThreadLocal.withInitial(() -> new Deflater(Deflater.BEST_SPEED, true));
    private static final ThreadLocal<Deflater> STORE =
            ThreadLocal.withInitial(() -> new Deflater(Deflater.NO_COMPRESSION, true));
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[SAMPLE + 1024]);
    /** Header with no time, no name and "unknown" OS, so it never differs from one run to the next. */
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    /** One block's input and its deflated form; reused, so memory stays at the blocks in flight. */
    private static final class Chunk {
        final byte[] input = new byte[BLOCK];
        byte[] output = new byte[OUTPUT_ROOM];
        int length;
        int outputLength;
    }

    private final OutputStream out;
    private final Deque<Future<Chunk>> pending = new ArrayDeque<>();
    private final Deque<Chunk> free = new ArrayDeque<>();
    private final int inFlight;
    private final CRC32 crc = new CRC32();
    private Chunk current;
    private long size;
    private boolean closed;

    public ParallelGzipOutputStream(OutputStream out) throws IOException {
        this.out = out;
        this.inFlight = THREADS * 2;
        out.write(HEADER);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        ensureOpen();
        crc.update(bytes, offset, length);
        size += length;
        while (length > 0) {
            if (current == null) {
                current = free.isEmpty() ? new Chunk() : free.removeFirst();
                current.length = 0;
            }
            int n = Math.min(length, BLOCK - current.length);
            System.arraycopy(bytes, offset, current.input, current.length, n);
            current.length += n;
            offset += n;
            length -= n;
            if (current.length == BLOCK) {
                submitBlock();
            }
        }
    }

    private void submitBlock() throws IOException {
        Chunk chunk = current;
        current = null;
        pending.addLast(POOL.submit(() -> deflate(chunk)));
        while (pending.size() >= inFlight) {
            writeOldest();
        }
    }

    private static Chunk deflate(Chunk chunk) {
        Deflater deflater = worthCompressing(chunk) ? FAST.get() : STORE.get();
        deflater.reset();
        deflater.setInput(chunk.input, 0, chunk.length);
        chunk.outputLength = 0;
        while (true) {
            // SYNC_FLUSH ends the block on a byte boundary without marking it final, so blocks
            // made apart can be laid end to end.
            int room = chunk.output.length - chunk.outputLength;
            int n = deflater.deflate(chunk.output, chunk.outputLength, room, Deflater.SYNC_FLUSH);
            chunk.outputLength += n;
            if (n < room && deflater.needsInput()) {
                return chunk;
            }
            chunk.output = Arrays.copyOf(chunk.output, chunk.output.length * 2);
        }
    }

    private static boolean worthCompressing(Chunk chunk) {
        int sample = Math.min(SAMPLE, chunk.length);
        if (sample == 0) {
            return false;
        }
        Deflater probe = FAST.get();
        probe.reset();
        probe.setInput(chunk.input, 0, sample);
        probe.finish();
        byte[] scratch = SCRATCH.get();
        int compressed = 0;
        while (!probe.finished()) {
            compressed += probe.deflate(scratch);
        }
        return compressed < sample * STORE_ABOVE;
    }

    private void writeOldest() throws IOException {
        Future<Chunk> oldest = pending.removeFirst();
        try {
            Chunk chunk = oldest.get();
            out.write(chunk.output, 0, chunk.outputLength);
            free.addLast(chunk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while compressing");
        } catch (ExecutionException e) {
            throw new IOException("compressing failed: " + e.getCause(), e.getCause());
        }
    }

    /** Writes everything compressed so far; the stream stays open. */
    public void finish() throws IOException {
        ensureOpen();
        if (current != null && current.length > 0) {
            submitBlock();
        }
        while (!pending.isEmpty()) {
            writeOldest();
        }
        out.write(new byte[] {3, 0}); // an empty final block with fixed codes
        int crcValue = (int) crc.getValue();
        int sizeValue = (int) size;
        out.write(new byte[] {
            (byte) crcValue,
            (byte) (crcValue >>> 8),
            (byte) (crcValue >>> 16),
            (byte) (crcValue >>> 24),
            (byte) sizeValue,
            (byte) (sizeValue >>> 8),
            (byte) (sizeValue >>> 16),
            (byte) (sizeValue >>> 24)
        });
        closed = true;
    }

    @Override
    public void close() throws IOException {
        try {
            if (!closed) {
                finish();
            }
        } finally {
            pending.forEach(future -> future.cancel(true));
            pending.clear();
            free.clear();
            out.close();
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("stream closed");
        }
    }
}
