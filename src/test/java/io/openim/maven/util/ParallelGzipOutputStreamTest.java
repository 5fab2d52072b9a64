package io.openim.maven.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParallelGzipOutputStreamTest {

    private static final int BLOCK = ParallelGzipOutputStream.BLOCK;

    @TempDir
    Path temp;

    /** Half random, half text: both kinds of block. */
    private static byte[] data(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        byte[] text = "openim layer contents, openim layer contents\n".getBytes();
        for (int i = size / 2; i < size; i++) {
            bytes[i] = text[i % text.length];
        }
        return bytes;
    }

    private static byte[] gzip(byte[] input, int chunk) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gzip = new ParallelGzipOutputStream(out)) {
            for (int offset = 0; offset < input.length; offset += chunk) {
                gzip.write(input, offset, Math.min(chunk, input.length - offset));
            }
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, BLOCK - 1, BLOCK, BLOCK + 1, 9 * BLOCK + 17})
    void readsBackAsWritten(int size) throws IOException {
        byte[] input = data(size);
        byte[] compressed = gzip(input, 8192);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            assertArrayEquals(input, in.readAllBytes());
        }
    }

    @Test
    void theSameBytesGiveTheSameGzipHoweverTheyAreWritten() throws IOException {
        byte[] input = data(5 * BLOCK + 3);
        byte[] whole = gzip(input, input.length);
        assertArrayEquals(whole, gzip(input, 1000));
        assertArrayEquals(whole, gzip(input, BLOCK));
        assertEquals(0, whole[4] | whole[5] | whole[6] | whole[7], "no time in the header");
    }

    @Test
    void theGzipToolReadsIt() throws Exception {
        byte[] input = data(3 * BLOCK + 5);
        Path file = temp.resolve("layer.tar.gz");
        Files.write(file, gzip(input, 65536));
        Process gunzip = new ProcessBuilder("gzip", "-dc", file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        byte[] output = gunzip.getInputStream().readAllBytes();
        assertEquals(0, gunzip.waitFor());
        assertArrayEquals(input, output);
    }

    @Test
    void compressesAboutAsWellAsOneStream() throws IOException {
        byte[] text = new byte[4 * BLOCK];
        byte[] line = "func main() { fmt.Println(\"openim\") }\n".getBytes();
        for (int i = 0; i < text.length; i++) {
            text[i] = line[i % line.length];
        }
        ByteArrayOutputStream single = new ByteArrayOutputStream();
        try (OutputStream gzip = new java.util.zip.GZIPOutputStream(single) {
            {
                def.setLevel(java.util.zip.Deflater.BEST_SPEED);
            }
        }) {
            gzip.write(text);
        }
        int parallel = gzip(text, 65536).length;
        assertTrue(parallel < single.size() * 1.05 + 1024, parallel + " vs " + single.size());
        assertTrue(parallel < text.length / 50, "compressible data is compressed: " + parallel);
    }

    @Test
    void dataThatDoesNotShrinkIsStoredNotDeflated() throws IOException {
        byte[] random = new byte[3 * BLOCK];
        new Random(7).nextBytes(random);
        byte[] compressed = gzip(random, 65536);
        // Stored blocks cost 5 bytes per 64 KiB; deflating random data costs more and takes longer.
        assertTrue(compressed.length < random.length + 3 * (BLOCK / 65536) * 5 + 64, "" + compressed.length);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            assertArrayEquals(random, in.readAllBytes());
        }
    }

    @Test
    void nothingMayBeWrittenAfterClose() throws IOException {
        ParallelGzipOutputStream gzip = new ParallelGzipOutputStream(new ByteArrayOutputStream());
        gzip.close();
        assertThrows(IOException.class, () -> gzip.write(1));
    }
}
