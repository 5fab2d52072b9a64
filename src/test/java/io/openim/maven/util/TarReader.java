package io.openim.maven.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A deliberately small ustar reader for tests: it checks each header's checksum and magic,
 * reads name (with prefix), mode, uid, gid, size and type, and insists on the closing zero blocks.
 */
public final class TarReader {

    /** One entry as found in the archive. */
    public record Entry(String name, int mode, int uid, int gid, long size, char type, byte[] content) {

        public String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    private TarReader() {}

    public static List<Entry> read(byte[] tar) {
        assertEquals(0, tar.length % 512, "a tar archive is a whole number of 512-byte blocks");
        List<Entry> entries = new ArrayList<>();
        int offset = 0;
        while (true) {
            if (offset + 512 > tar.length) {
                fail("archive ends without the two zero blocks");
            }
            byte[] header = Arrays.copyOfRange(tar, offset, offset + 512);
            if (allZero(header)) {
                assertTrue(offset + 1024 <= tar.length, "the end marker is two zero blocks");
                assertTrue(
                        allZero(Arrays.copyOfRange(tar, offset + 512, offset + 1024)),
                        "the second end block is zero too");
                return entries;
            }
            assertEquals("ustar", text(header, 257, 6), "ustar magic at offset " + offset);
            long stored = octal(header, 148, 8);
            long sum = 0;
            for (int i = 0; i < 512; i++) {
                sum += (i >= 148 && i < 156) ? ' ' : (header[i] & 0xff);
            }
            assertEquals(sum, stored, "header checksum at offset " + offset);
            String name = text(header, 0, 100);
            String prefix = text(header, 345, 155);
            String fullName = prefix.isEmpty() ? name : prefix + "/" + name;
            long size = octal(header, 124, 12);
            int start = offset + 512;
            byte[] content = Arrays.copyOfRange(tar, start, (int) (start + size));
            entries.add(new Entry(
                    fullName,
                    (int) octal(header, 100, 8),
                    (int) octal(header, 108, 8),
                    (int) octal(header, 116, 8),
                    size,
                    (char) header[156],
                    content));
            offset = start + (int) ((size + 511) / 512 * 512);
        }
    }

    private static boolean allZero(byte[] block) {
        for (byte b : block) {
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

    private static long octal(byte[] header, int offset, int length) {
        String digits = text(header, offset, length).trim();
        return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
    }
}
