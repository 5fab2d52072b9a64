package io.openim.maven.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openim.maven.OpenImException;
import io.openim.maven.oci.ArchiveReader;
import io.openim.maven.oci.Blob;
import io.openim.maven.oci.Layer;
import io.openim.maven.oci.MediaTypes;
import io.openim.maven.oci.OciImage;
import io.openim.maven.oci.OciManifest;
import io.openim.maven.oci.Platform;
import io.openim.maven.process.OutputDirectory;
import io.openim.maven.process.ShutdownCleanup;
import io.openim.maven.util.RecordingConsole;
import io.openim.maven.util.Sha256;
import io.openim.maven.util.TarStream;
import io.openim.maven.util.TarWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the writer writes, the reader reads back, with the same digests; and the layer clock. */
class ArchiveRoundTripTest {

    @TempDir
    Path temp;

    private final RecordingConsole console = new RecordingConsole();

    private OciImage image() throws IOException {
        Path binary = Files.writeString(temp.resolve("openim-api"), "binary");
        Layer layer = BinaryLayer.write(binary, "openim-api", Instant.ofEpochSecond(5), temp.resolve("blobs"));
        Platform platform = new Platform("linux", "arm", "v7");
        byte[] config = ImageJson.config(
                platform,
                null,
                List.of(layer),
                "/usr/local/bin/openim-api",
                Map.of(ReleaseImageService.LABEL_BINARY, "openim-api"),
                null,
                Instant.ofEpochSecond(5),
                "test");
        Blob configBlob = Blob.inMemory(MediaTypes.CONFIG, config);
        Blob manifest = OciManifest.image(configBlob, List.of(layer), Map.of());
        return new OciImage(platform, configBlob, List.of(layer), manifest);
    }

    @Test
    void theReaderGivesBackWhatTheWriterWrote() throws IOException {
        OciImage image = image();
        Path archive = temp.resolve("out/arm-v7/openim-api.tar.gz");
        try (ShutdownCleanup cleanup = new ShutdownCleanup(console)) {
            new ArchiveWriter(cleanup, new OutputDirectory(temp.resolve("out")), console)
                    .write(
                            image,
                            List.of("r.example/o/openim-api-arm-v7:1", "r.example/o/openim-api-arm-v7:latest"),
                            archive,
                            ReleaseRequest.Compression.GZIP);
        }
        try (ArchiveReader reader = ArchiveReader.open(archive)) {
            assertEquals(image.platform(), reader.platform());
            assertEquals(
                    List.of("r.example/o/openim-api-arm-v7:1", "r.example/o/openim-api-arm-v7:latest"),
                    reader.references());
            assertEquals(image.manifest().digest(), reader.manifest().digest());
            assertEquals(image.config().digest(), reader.config().digest());
            assertEquals("openim-api", reader.labels().get("io.openim.binary"));
            List<String> seen = new ArrayList<>();
            reader.forEachLayer((layer, content) -> seen.add(layer.digest() + " " + content.readAllBytes().length));
            assertEquals(
                    List.of(image.layers().get(0).blob().digest() + " "
                            + image.layers().get(0).blob().size()),
                    seen);
        }
    }

    @Test
    void aForeignFileIsNotTakenForAnArchive() throws IOException {
        Path other = temp.resolve("other.tar");
        try (TarWriter tar = new TarWriter(Files.newOutputStream(other))) {
            tar.addFile("hello.txt", "hi".getBytes(StandardCharsets.UTF_8), 0644, 0, 0);
        }
        OpenImException e = assertThrows(OpenImException.class, () -> ArchiveReader.open(other));
        assertTrue(e.getMessage().contains("is not an archive openim:image wrote"), e.getMessage());
    }

    @Test
    void layerTimesChangeOnlyTheTimes() throws IOException {
        ByteArrayOutputStream original = new ByteArrayOutputStream();
        try (TarWriter tar = new TarWriter(original)) {
            tar.addDirectory("etc/", 0755, 1_700_000_123L);
            tar.addFile("etc/motd", "hello".getBytes(StandardCharsets.UTF_8), 0640, 7, 8, 1_700_000_456L);
        }
        ByteArrayOutputStream normalized = new ByteArrayOutputStream();
        LayerTimes.normalize(new ByteArrayInputStream(original.toByteArray()), normalized, 42);
        TarStream tar = new TarStream(new ByteArrayInputStream(normalized.toByteArray()));
        TarStream.Entry directory = tar.next();
        assertEquals("etc/", directory.name());
        assertEquals(42, directory.mtime());
        TarStream.Entry file = tar.next();
        assertEquals(42, file.mtime());
        assertEquals(0640, file.mode());
        assertEquals("hello", new String(tar.readAll(), StandardCharsets.UTF_8));
        assertEquals(original.size(), normalized.size());
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        LayerTimes.normalize(new ByteArrayInputStream(normalized.toByteArray()), again, 42);
        assertEquals(Sha256.hex(normalized.toByteArray()), Sha256.hex(again.toByteArray()), "idempotent");
    }

    @Test
    void paxTimeRecordsAreDroppedAndTheRestKept() throws IOException {
        String records = record("mtime=1700000000.123456") + record("path=a/very/long/name") + record("atime=1");
        byte[] pax = records.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream original = new ByteArrayOutputStream();
        byte[] header = new byte[512];
        byte[] name = "././@PaxHeader".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, header, 0, name.length);
        System.arraycopy(String.format("%011o", pax.length).getBytes(StandardCharsets.US_ASCII), 0, header, 124, 11);
        System.arraycopy("00000000000".getBytes(StandardCharsets.US_ASCII), 0, header, 136, 11);
        header[156] = 'x';
        System.arraycopy("ustar".getBytes(StandardCharsets.US_ASCII), 0, header, 257, 5);
        original.write(header);
        original.write(pax);
        original.write(new byte[(512 - pax.length % 512) % 512]);
        try (TarWriter tar = new TarWriter(original)) {
            tar.addFile("short", "x".getBytes(StandardCharsets.UTF_8), 0644, 0, 0, 99);
        }
        ByteArrayOutputStream normalized = new ByteArrayOutputStream();
        LayerTimes.normalize(new ByteArrayInputStream(original.toByteArray()), normalized, 42);
        TarStream tar = new TarStream(new ByteArrayInputStream(normalized.toByteArray()));
        TarStream.Entry entry = tar.next();
        assertEquals("a/very/long/name", entry.name(), "the path record survives");
        assertEquals(42, entry.mtime());
        String text = new String(normalized.toByteArray(), StandardCharsets.ISO_8859_1);
        assertTrue(!text.contains("mtime=") && !text.contains("atime="), "time records are gone");
    }

    private static String record(String keyValue) {
        int length = keyValue.length() + 3;
        String candidate = length + " " + keyValue + "\n";
        return candidate.length() == length ? candidate : (candidate.length() + " " + keyValue + "\n");
    }
}
