package io.openim.maven.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openim.maven.OpenImException;
import io.openim.maven.buildimage.BuildImageRequest;
import io.openim.maven.containers.DataContainer;
import io.openim.maven.docker.EngineException;
import io.openim.maven.docker.FakeDockerEngine;
import io.openim.maven.naming.BuildIdentity;
import io.openim.maven.naming.Role;
import io.openim.maven.process.BuildUser;
import io.openim.maven.process.OutputDirectory;
import io.openim.maven.process.ShutdownCleanup;
import io.openim.maven.util.RecordingConsole;
import io.openim.maven.util.TarReader;
import io.openim.maven.util.TarWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cache-save and cache-restore against the fake engine: what an archive holds, that it replaces
 * the old one only when complete, and that restore fills only a new data container, only from
 * archives made for this build, and never keeps what a damaged archive began to unpack.
 */
class CacheArchivesTest {

    private static final CacheArchive.MadeFor MADE_FOR = new CacheArchive.MadeFor("1", "golang", "1.21");

    @TempDir
    Path temp;

    private final FakeDockerEngine engine = new FakeDockerEngine();
    private final RecordingConsole console = new RecordingConsole();
    private final BuildIdentity identity = new BuildIdentity("aaaaaaaaaa", "1", "io.openim:server");
    private final ShutdownCleanup cleanup = new ShutdownCleanup(console);
    private Path cacheDir;
    private BuildImageRequest image;
    private final DataContainer.Layout layout = new DataContainer.Layout("/workspace", List.of("/cache"));

    @BeforeEach
    void checkout() throws IOException {
        cacheDir = temp.resolve("ci-cache");
        Path dockerfile = Files.writeString(
                Files.createDirectories(temp.resolve("build/build-image")).resolve("Dockerfile"),
                "FROM OPENIM_BUILD_IMAGE_CROSS_TAG\n");
        image = new BuildImageRequest(
                identity,
                dockerfile,
                List.of(),
                temp.resolve("_output/images/build-image"),
                "golang",
                "1.21",
                Map.of(),
                false);
    }

    @AfterEach
    void closeCleanup() {
        cleanup.close();
    }

    private CacheRequest request(List<String> volumes, CacheArchive.MadeFor madeFor) {
        return new CacheRequest(identity, cacheDir, volumes, madeFor);
    }

    private CacheRequest request() {
        return request(List.of("/cache"), MADE_FOR);
    }

    /** A tar as the engine sends one for /cache: entries named from "cache/" on. */
    private static byte[] volumeTar(String marker, int randomBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarWriter tar = new TarWriter(out)) {
            tar.addDirectory("cache/", 0755, 0);
            tar.addDirectory("cache/go-build/", 0755, 0);
            tar.addFile("cache/go-build/marker", marker.getBytes(StandardCharsets.UTF_8), 0644, 1000, 1000);
            byte[] noise = new byte[randomBytes];
            new Random(7).nextBytes(noise);
            tar.addFile("cache/go-build/00/noise-d", noise, 0644, 1000, 1000);
        }
        return out.toByteArray();
    }

    private void addDataContainer() {
        engine.addContainer("data-1", identity.dataContainer(), identity.labels(Role.DATA), false, 0);
    }

    private void save(byte[] volumeTar) {
        engine.withContainerArchive("/cache", volumeTar);
        new CacheSaver(engine, console, cleanup).save(request());
    }

    private Path archive() {
        return cacheDir.resolve(CacheArchive.fileName("/cache"));
    }

    private CacheRestorer restorer() {
        return new CacheRestorer(engine, console, cleanup, new OutputDirectory(temp.resolve("_output")));
    }

    private static byte[] gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    @Test
    void anArchiveIsAGzippedTarWhoseHeaderSaysWhatItWasMadeForThenTheVolumeAsTheEngineSentIt() throws IOException {
        addDataContainer();
        byte[] tar = volumeTar("warm", 3 * (1 << 20));
        save(tar);

        assertEquals(List.of("data-1:/cache"), engine.copiesOut);
        byte[] plain = gunzip(archive());
        List<TarReader.Entry> entries = TarReader.read(plain);
        assertEquals(".openim-cache.json", entries.get(0).name());
        String header = entries.get(0).text();
        assertTrue(header.contains("\"volume\":\"/cache\""), header);
        assertTrue(header.contains("\"buildImageVersion\":\"1\""), header);
        assertTrue(header.contains("\"crossImage\":\"golang\""), header);
        assertTrue(header.contains("\"crossVersion\":\"1.21\""), header);
        // After the header's 512-byte block and its padded body: the engine's bytes, unchanged.
        int headerBlocks = 512 + (int) ((entries.get(0).size() + 511) / 512 * 512);
        assertArrayEquals(tar, Arrays.copyOfRange(plain, headerBlocks, plain.length));
        assertTrue(Files.size(archive()) < plain.length, "compressed");
        try (Stream<Path> files = Files.list(cacheDir)) {
            assertEquals(List.of(archive()), files.toList(), "no partial file left");
        }
        assertTrue(console.infos.stream().anyMatch(l -> l.startsWith("Saved /cache: ")), console.infos.toString());
    }

    @Test
    void aNewSaveReplacesTheOldAndAFailedOneLeavesTheOldAsItWas() throws IOException {
        addDataContainer();
        save(volumeTar("first", 10));
        save(volumeTar("second", 10));
        assertTrue(new String(gunzip(archive()), StandardCharsets.ISO_8859_1).contains("second"));
        byte[] before = Files.readAllBytes(archive());

        // The engine cannot send the volume: the archive there stays, no partial file is left.
        engine.withContainerArchive("/cache", new byte[0]);
        FakeDockerEngine failing = new FakeDockerEngine();
        failing.addContainer("data-1", identity.dataContainer(), identity.labels(Role.DATA), false, 0);
        assertThrows(EngineException.class, () -> new CacheSaver(failing, console, cleanup).save(request()));
        assertArrayEquals(before, Files.readAllBytes(archive()));
        try (Stream<Path> files = Files.list(cacheDir)) {
            assertEquals(List.of(archive()), files.toList());
        }
    }

    @Test
    void saveReplacesNothingItDidNotMakeAndNeedsADataContainer() throws IOException {
        OpenImException none = assertThrows(OpenImException.class, () -> save(volumeTar("x", 10)));
        assertTrue(
                none.getMessage().contains("found no data container " + identity.dataContainer()), none.getMessage());
        assertFalse(Files.exists(cacheDir), "nothing written");

        addDataContainer();
        Files.createDirectories(cacheDir);
        Files.writeString(archive(), "the user's notes\n");
        OpenImException foreign = assertThrows(OpenImException.class, () -> save(volumeTar("x", 10)));
        assertTrue(foreign.getMessage().contains("is not a cache archive of the plugin"), foreign.getMessage());
        assertTrue(foreign.getMessage().contains("'cacheDir' (-Dopenim.cache.dir, OPENIM_CACHE_DIR)"));
        assertEquals("the user's notes\n", Files.readString(archive()));
        assertEquals(List.of(), engine.copiesOut, "refused before the engine sent anything");
    }

    @Test
    void restoreFillsANewDataContainerBeforeItsFirstRun() throws IOException {
        addDataContainer();
        byte[] tar = volumeTar("warm", 100_000);
        save(tar);
        engine.removeContainer("data-1");

        restorer().restore(request(), image, layout, BuildUser.parse("1000:1000"));

        assertEquals(1, engine.copies.size());
        FakeDockerEngine.Copy copy = engine.copies.get(0);
        assertEquals("/", copy.path(), "the entries start with cache/, so they go into the volume's parent");
        assertArrayEquals(tar, copy.tar(), "the volume's tar, without the header");
        String id = copy.containerId();
        assertTrue(engine.startedContainers.contains(id), "then the data container ran (its chown)");
        assertEquals(
                identity.dataContainer(),
                engine.inspectContainer(id).orElseThrow().name());
        assertTrue(
                console.infos.stream().anyMatch(l -> l.startsWith("Restored /cache from openim-cache-cache-")),
                console.infos.toString());
    }

    @Test
    void anExistingDataContainerKeepsItsCaches() throws IOException {
        addDataContainer();
        save(volumeTar("warm", 10));

        restorer().restore(request(), image, layout, BuildUser.parse("1000:1000"));

        assertEquals(List.of(), engine.copies);
        assertTrue(console.infos.stream().anyMatch(l -> l.contains("exists already: its caches are kept")));
    }

    @Test
    void noArchiveMeansNothingToDoAndNoEngineCall() {
        restorer().restore(request(), image, layout, BuildUser.parse("1000:1000"));
        assertTrue(console.infos.stream().anyMatch(l -> l.startsWith("No cache archive for /cache in ")));
        assertEquals(List.of(), engine.builtRequests);
        assertEquals(List.of(), engine.createdSpecs);
    }

    @Test
    void anArchiveForAnotherBuildImageOrCrossImageIsSkippedNamingBoth() throws IOException {
        addDataContainer();
        save(volumeTar("warm", 10));
        engine.removeContainer("data-1");

        restorer()
                .restore(
                        request(List.of("/cache"), new CacheArchive.MadeFor("2", "golang", "1.22")),
                        image,
                        layout,
                        null);

        assertEquals(List.of(), engine.copies);
        assertEquals(List.of(), engine.createdSpecs, "nothing made for nothing to restore");
        String line = console.warnings.get(0);
        assertTrue(line.contains("made for build image version 1 with the cross image golang:1.21"), line);
        assertTrue(line.contains("this build uses build image version 2 with the cross image golang:1.22"), line);
    }

    @Test
    void aTruncatedArchiveIsNamedSkippedAndLeavesNothingHalfUnpacked() throws IOException {
        addDataContainer();
        save(volumeTar("warm", 300_000));
        engine.removeContainer("data-1");
        byte[] whole = Files.readAllBytes(archive());
        Files.write(archive(), Arrays.copyOf(whole, whole.length - 100));

        restorer().restore(request(), image, layout, BuildUser.parse("1000:1000"));

        assertEquals(1, console.warnings.size(), console.warnings.toString());
        String line = console.warnings.get(0);
        assertTrue(line.startsWith("Skipped the cache archive " + archive() + ": it is damaged or truncated"), line);
        assertTrue(line.contains("/cache starts empty and the build runs cold"), line);
        assertEquals(List.of(), engine.containers(), "the half-filled data container is gone");
        assertEquals(List.of(), engine.volumes(), "and so are its volumes");
        assertEquals(List.of(), engine.startedContainers, "it never ran");
        assertEquals(1, engine.createdSpecs.size(), "found while unpacking, after the container was made");
    }

    @Test
    void aDamagedArchiveAmongTwoIsSkippedAndTheOtherIsRestored() throws IOException {
        List<String> volumes = List.of("/cache", "/go");
        addDataContainer();
        engine.withContainerArchive("/cache", volumeTar("warm", 200_000));
        engine.withContainerArchive("/go", volumeTar("other", 10));
        new CacheSaver(engine, console, cleanup).save(request(volumes, MADE_FOR));
        engine.removeContainer("data-1");
        // One byte changed in the middle of the compressed data.
        Path broken = cacheDir.resolve(CacheArchive.fileName("/cache"));
        byte[] bytes = Files.readAllBytes(broken);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(broken, bytes);
        DataContainer.Layout two = new DataContainer.Layout("/workspace", volumes);

        restorer().restore(request(volumes, MADE_FOR), image, two, BuildUser.parse("1000:1000"));

        assertTrue(
                console.warnings.stream().anyMatch(l -> l.startsWith("Skipped the cache archive " + broken)),
                console.warnings.toString());
        String container = engine.containers().get(0).id();
        List<String> into = engine.copies.stream()
                .filter(c -> c.containerId().equals(container))
                .map(c -> new String(c.tar(), StandardCharsets.ISO_8859_1))
                .toList();
        assertEquals(1, into.size(), "only /go's archive went into the data container that was kept");
        assertTrue(into.get(0).contains("other"));
        assertNotEquals(List.of(), engine.startedContainers);
        assertTrue(engine.removedVolumes.contains(identity.dataVolume(1)), "the first attempt's volumes went");
    }

    @Test
    void anArchiveTheEngineWillNotUnpackIsSkippedButALostEngineFailsTheGoal() throws IOException {
        addDataContainer();
        save(volumeTar("warm", 10));
        engine.removeContainer("data-1");
        engine.afterCopy = copy -> {
            throw new EngineException("no space left on device", EngineException.Reason.OTHER);
        };

        restorer().restore(request(), image, layout, BuildUser.parse("1000:1000"));

        String line = console.warnings.get(0);
        assertTrue(line.contains(": the engine would not unpack it (no space left on device)"), line);
        assertEquals(List.of(), engine.containers());
        assertEquals(List.of(), engine.volumes());

        engine.afterCopy = copy -> {
            throw new EngineException("Lost the connection", EngineException.Reason.CONNECTION_LOST);
        };
        EngineException lost = assertThrows(
                EngineException.class,
                () -> restorer().restore(request(), image, layout, BuildUser.parse("1000:1000")));
        assertEquals(EngineException.Reason.CONNECTION_LOST, lost.reason());
        assertEquals(List.of(), engine.volumes(), "nothing half-filled is kept either way");
    }

    @Test
    void archiveNamesAreReadableAndKeepPathsApart() {
        assertTrue(CacheArchive.fileName("/cache").matches("openim-cache-cache-[0-9a-f]{8}\\.tar\\.gz"));
        assertNotEquals(CacheArchive.fileName("/a/b"), CacheArchive.fileName("/a_b"));
        assertEquals("/", CacheArchive.parentOf("/cache"));
        assertEquals("/root/.cache", CacheArchive.parentOf("/root/.cache/go-build"));
    }
}
