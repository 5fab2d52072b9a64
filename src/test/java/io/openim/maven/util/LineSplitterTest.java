package io.openim.maven.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

    private final List<String> lines = new ArrayList<>();
    private final LineSplitter splitter = LineSplitter.eachLine(lines::add);

    @Test
    void chunksSplitMidLineGiveWholeLines() {
        splitter.accept("Step 1/3 : FR");
        splitter.accept("OM golang\nStep 2");
        assertEquals(List.of("Step 1/3 : FROM golang"), lines);
        splitter.accept("/3 : RUN make\n\nlast");
        assertEquals(List.of("Step 1/3 : FROM golang", "Step 2/3 : RUN make", ""), lines);
    }

    @Test
    void multiByteCharacterSplitAcrossChunksStaysIntact() {
        byte[] bytes = "größe: 10 €\nfertig ✓\n".getBytes(StandardCharsets.UTF_8);
        // Split inside "ö" (2 bytes), inside "€" (3 bytes) and inside "✓" (3 bytes).
        int o = indexOf(bytes, (byte) 0xc3);
        int euro = indexOf(bytes, (byte) 0xe2);
        splitter.accept(Arrays.copyOfRange(bytes, 0, o + 1));
        splitter.accept(Arrays.copyOfRange(bytes, o + 1, euro + 2));
        splitter.accept(Arrays.copyOfRange(bytes, euro + 2, bytes.length - 2));
        splitter.accept(Arrays.copyOfRange(bytes, bytes.length - 2, bytes.length));
        assertEquals(List.of("größe: 10 €", "fertig ✓"), lines);
    }

    @Test
    void byteByByteFeedingWorks() {
        for (byte b : "a€b\nc\n".getBytes(StandardCharsets.UTF_8)) {
            splitter.accept(new byte[] {b});
        }
        assertEquals(List.of("a€b", "c"), lines);
    }

    @Test
    void carriageReturnBeforeNewlineIsTrimmed() {
        splitter.accept("windows\r\nline\r");
        splitter.accept("\nbare\rcr\n");
        assertEquals(List.of("windows", "line", "bare\rcr"), lines);
    }

    @Test
    void flushEmitsTheLastPartialLineOnce() {
        splitter.accept("done\nno newline at end");
        assertEquals(List.of("done"), lines);
        splitter.flush();
        assertEquals(List.of("done", "no newline at end"), lines);
        splitter.flush();
        assertEquals(List.of("done", "no newline at end"), lines, "nothing pending, nothing emitted");
    }

    @Test
    void flushAfterACompleteLineEmitsNothing() {
        splitter.accept("whole\n");
        splitter.flush();
        assertEquals(List.of("whole"), lines);
    }

    @Test
    void flushTrimsATrailingCarriageReturn() {
        splitter.accept("partial\r");
        splitter.flush();
        assertEquals(List.of("partial"), lines);
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        throw new AssertionError("byte not found");
    }

    @Test
    void aLineLongerThanTheLimitIsHandedOnInMarkedPieces() {
        String line = "y".repeat(LineSplitter.MAX_LINE * 2 + 10);
        splitter.accept(line + "\nnext\n");
        assertEquals(4, lines.size(), "three pieces and the next line");
        assertEquals("y".repeat(LineSplitter.MAX_LINE) + LineSplitter.CONTINUES, lines.get(0));
        assertEquals(LineSplitter.CONTINUED + "y".repeat(LineSplitter.MAX_LINE) + LineSplitter.CONTINUES, lines.get(1));
        assertEquals(LineSplitter.CONTINUED + "y".repeat(10), lines.get(2));
        assertEquals("next", lines.get(3));
    }

    @Test
    void aPieceIsNeverCutInsideACharacter() {
        // 'y' then two-byte characters, so the limit falls inside one of them.
        String line = "y" + "ö".repeat(LineSplitter.MAX_LINE);
        splitter.accept(line + "\n");
        String joined =
                String.join("", lines).replace(LineSplitter.CONTINUES, "").replace(LineSplitter.CONTINUED, "");
        assertEquals(line, joined);
        assertEquals(-1, String.join("", lines).indexOf('\uFFFD'), "no broken character");
    }

    @Test
    void theLinesOfOneChunkArriveAsOneBatch() {
        List<List<String>> batches = new ArrayList<>();
        LineSplitter batching = new LineSplitter(batch -> batches.add(batch.all()));
        batching.accept("a\nb\nc");
        batching.accept("\nd\n");
        assertEquals(List.of(List.of("a", "b"), List.of("c", "d")), batches);
    }

    @Test
    void aHugeChunkIsHandedOnInBoundedBatches() {
        List<Integer> sizes = new ArrayList<>();
        LineSplitter batching = new LineSplitter(batch -> sizes.add(batch.count()));
        batching.accept("x\n".repeat(300_000));
        assertEquals(300_000, sizes.stream().mapToInt(Integer::intValue).sum());
        assertTrue(sizes.size() > 1, "one call for 600 KB of lines: " + sizes);
    }
}
