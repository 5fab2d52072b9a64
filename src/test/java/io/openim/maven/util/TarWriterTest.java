package io.openim.maven.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TarWriterTest {

    private static byte[] tar(TarBody body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarWriter tar = new TarWriter(bytes)) {
            body.write(tar);
        }
        return bytes.toByteArray();
    }

    @FunctionalInterface
    private interface TarBody {
        void write(TarWriter tar) throws IOException;
    }

    @Test
    void emptyArchiveIsTwoZeroBlocks() throws IOException {
        byte[] archive = tar(t -> {});
        assertArrayEquals(new byte[1024], archive);
        assertEquals(List.of(), TarReader.read(archive));
    }

    @Test
    void filesKeepNameModeOwnerSizeAndContent() throws IOException {
        byte[] small = "hello\n".getBytes(StandardCharsets.UTF_8);
        byte[] exact = new byte[512];
        Arrays.fill(exact, (byte) 'x');
        byte[] bigger = new byte[1300];
        for (int i = 0; i < bigger.length; i++) {
            bigger[i] = (byte) i;
        }
        byte[] archive = tar(t -> {
            t.addFile("a.txt", small, 0644, 1000, 1001);
            t.addFile("dir/exact.bin", exact, 0755, 0, 0);
            t.addFile("dir/sub/bigger.bin", bigger, 0600, 65534, 65534);
            t.addFile("empty", new byte[0], 0644, 0, 0);
        });

        // 4 headers + 1 + 1 + 3 + 0 data blocks + 2 end blocks
        assertEquals(512 * (4 + 5 + 2), archive.length);
        List<TarReader.Entry> entries = TarReader.read(archive);
        assertEquals(
                List.of("a.txt", "dir/exact.bin", "dir/sub/bigger.bin", "empty"),
                entries.stream().map(TarReader.Entry::name).toList());
        TarReader.Entry a = entries.get(0);
        assertEquals(0644, a.mode());
        assertEquals(1000, a.uid());
        assertEquals(1001, a.gid());
        assertEquals(6, a.size());
        assertEquals('0', a.type());
        assertArrayEquals(small, a.content());
        assertEquals(0755, entries.get(1).mode());
        assertArrayEquals(exact, entries.get(1).content());
        assertEquals(0600, entries.get(2).mode());
        assertEquals(65534, entries.get(2).uid());
        assertArrayEquals(bigger, entries.get(2).content());
        assertEquals(0, entries.get(3).size());
    }

    @Test
    void headerFieldsAreLaidOutAsUstarSpecifies() throws IOException {
        byte[] archive = tar(t -> t.addFile("f.txt", "abc".getBytes(StandardCharsets.UTF_8), 0640, 7, 9));
        assertEquals("0000640\0", new String(archive, 100, 8, StandardCharsets.US_ASCII), "mode");
        assertEquals("0000007\0", new String(archive, 108, 8, StandardCharsets.US_ASCII), "uid");
        assertEquals("0000011\0", new String(archive, 116, 8, StandardCharsets.US_ASCII), "gid");
        assertEquals("00000000003\0", new String(archive, 124, 12, StandardCharsets.US_ASCII), "size");
        // Checksum: six octal digits, NUL, space.
        String checksum = new String(archive, 148, 8, StandardCharsets.US_ASCII);
        assertTrue(checksum.matches("[0-7]{6}\0 "), checksum);
        assertEquals('0', (char) archive[156], "regular file");
        assertEquals("ustar\0" + "00", new String(archive, 257, 8, StandardCharsets.US_ASCII), "magic and version");
    }

    @Test
    void paddingAfterContentIsZero() throws IOException {
        byte[] archive = tar(t -> t.addFile("f", "abc".getBytes(StandardCharsets.UTF_8), 0644, 0, 0));
        for (int i = 512 + 3; i < 1024; i++) {
            assertEquals(0, archive[i], "padding byte " + i);
        }
    }

    @Test
    void longPathIsSplitIntoPrefixAndName() throws IOException {
        String dir = "d".repeat(60) + "/" + "e".repeat(60);
        String path = dir + "/file.txt";
        byte[] archive = tar(t -> t.addFile(path, new byte[] {1}, 0644, 0, 0));
        assertEquals(path, TarReader.read(archive).get(0).name());
        assertEquals("file.txt", new String(archive, 0, 8, StandardCharsets.US_ASCII));
        assertEquals(dir, new String(archive, 345, dir.length(), StandardCharsets.US_ASCII));
    }

    @Test
    void exactlyHundredCharacterNameNeedsNoPrefix() throws IOException {
        String path = "n".repeat(100);
        byte[] archive = tar(t -> t.addFile(path, new byte[0], 0644, 0, 0));
        assertEquals(path, TarReader.read(archive).get(0).name());
        assertEquals(0, archive[345], "no prefix");
    }

    @Test
    void pathThatCannotBeSplitIsRefused() {
        assertThrows(IOException.class, () -> tar(t -> t.addFile("x".repeat(101), new byte[0], 0644, 0, 0)));
        assertThrows(IOException.class, () -> tar(t -> t.addFile("a/" + "y".repeat(101), new byte[0], 0644, 0, 0)));
        assertThrows(IOException.class, () -> tar(t -> t.addFile("p".repeat(156) + "/name", new byte[0], 0644, 0, 0)));
    }

    @Test
    void fileFromDiskIsStreamedWithItsSize(@org.junit.jupiter.api.io.TempDir java.nio.file.Path temp)
            throws IOException {
        byte[] content = new byte[70_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }
        java.nio.file.Path binary = java.nio.file.Files.write(temp.resolve("openim-api"), content);
        byte[] archive = tar(t -> {
            t.addFile("openim-api", binary, 0755);
            t.addFile("after", "x".getBytes(StandardCharsets.UTF_8), 0644, 0, 0);
        });
        List<TarReader.Entry> entries = TarReader.read(archive);
        assertEquals(
                List.of("openim-api", "after"),
                entries.stream().map(TarReader.Entry::name).toList());
        assertEquals(0755, entries.get(0).mode());
        assertEquals(0, entries.get(0).uid());
        assertEquals(content.length, entries.get(0).size());
        assertArrayEquals(content, entries.get(0).content());
        assertEquals("x", entries.get(1).text());
    }

    @Test
    void systemTarCanListTheArchiveWhenAvailable() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("openim-tarwriter", ".tar");
        try {
            String longPath = "q".repeat(80) + "/" + "r".repeat(50) + "/deep.txt";
            java.nio.file.Files.write(file, tar(t -> {
                t.addFile("one.txt", "1".getBytes(StandardCharsets.UTF_8), 0644, 0, 0);
                t.addFile(longPath, "22".getBytes(StandardCharsets.UTF_8), 0755, 0, 0);
            }));
            Process process;
            try {
                process = new ProcessBuilder("tar", "-tf", file.toString())
                        .redirectErrorStream(true)
                        .start();
            } catch (IOException e) {
                org.junit.jupiter.api.Assumptions.assumeTrue(false, "no tar on this machine");
                return;
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, process.waitFor(), output);
            assertEquals(List.of("one.txt", longPath), output.lines().toList());
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }
}
