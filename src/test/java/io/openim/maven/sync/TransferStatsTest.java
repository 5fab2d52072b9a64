package io.openim.maven.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TransferStatsTest {

    private static final String RSYNC_3_2_STATS = """
            sending incremental file list
            deleting pkg/old.go
            cmd/openim-api/main.go

            Number of files: 12,345 (reg: 11,001, dir: 1,344)
            Number of created files: 7 (reg: 7)
            Number of deleted files: 3 (reg: 2, dir: 1)
            Number of regular files transferred: 1,234
            Total file size: 98,765,432 bytes
            Total transferred file size: 4,567,890 bytes
            Literal data: 4,000,000 bytes
            Matched data: 567,890 bytes
            File list size: 262,121
            File list generation time: 0.003 seconds
            File list transfer time: 0.000 seconds
            Total bytes sent: 4,391,002
            Total bytes received: 25,607

            sent 4,391,002 bytes  received 25,607 bytes  2,944,406.00 bytes/sec
            total size is 98,765,432  speedup is 22.36
            """;

    @Test
    void parsesGroupedNumbersFromRsyncStats() {
        TransferStats stats = TransferStats.parse(RSYNC_3_2_STATS);
        assertEquals(1234, stats.filesTransferred());
        assertEquals(3, stats.filesDeleted());
        assertEquals(4_567_890, stats.fileBytes());
        assertEquals(4_391_002, stats.bytesSent());
        assertEquals(25_607, stats.bytesReceived());
    }

    @Test
    void parsesDotGroupedNumbersOfOtherLocales() {
        String output = """
                Number of deleted files: 0
                Number of regular files transferred: 2.048
                Total transferred file size: 1.234.567 bytes
                Total bytes sent: 1.300.000
                Total bytes received: 512
                """;
        assertEquals(new TransferStats(2048, 0, 1_234_567, 1_300_000, 512), TransferStats.parse(output));
    }

    @Test
    void nothingTransferred() {
        String output = """
                Number of files: 5 (reg: 4, dir: 1)
                Number of created files: 0
                Number of deleted files: 0
                Number of regular files transferred: 0
                Total file size: 1,024 bytes
                Total transferred file size: 0 bytes
                Total bytes sent: 180
                Total bytes received: 19
                """;
        assertEquals(new TransferStats(0, 0, 0, 180, 19), TransferStats.parse(output));
    }

    @Test
    void missingLinesCountAsZero() {
        assertEquals(new TransferStats(0, 0, 0, 0, 0), TransferStats.parse("rsync: connection refused\n"));
    }

    @Test
    void summaryReportsTheNumbers() {
        String summary = TransferStats.parse(RSYNC_3_2_STATS).summary();
        assertTrue(summary.contains("1234 file(s) transferred"), summary);
        assertTrue(summary.contains("4567890 bytes of file data"), summary);
        assertTrue(summary.contains("3 deleted"), summary);
    }
}
