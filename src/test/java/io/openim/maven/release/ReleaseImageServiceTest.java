package io.openim.maven.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openim.maven.BuildFailedException;
import io.openim.maven.OpenImException;
import io.openim.maven.docker.FakeDockerEngine;
import io.openim.maven.docker.ImageBuildRequest;
import io.openim.maven.naming.BuildIdentity;
import io.openim.maven.naming.Role;
import io.openim.maven.process.OutputDirectory;
import io.openim.maven.process.ShutdownCleanup;
import io.openim.maven.util.RecordingConsole;
import io.openim.maven.util.TarReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseImageServiceTest {

    private static final String BASE_IMAGE = "debian:bookworm-slim";
    private static final String REGISTRY = "registry.example/openim";
    private static final String TAG = "v3.8.0";
    private static final String API = "openim-api";
    private static final String USER = "openim-rpc-user";
    private static final byte[] API_BYTES = "#!/bin/sh\necho api\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] USER_BYTES = "\u007fELF fake rpc-user binary".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path temp;

    private final FakeDockerEngine engine = new FakeDockerEngine();
    private final RecordingConsole console = new RecordingConsole();
    private final BuildIdentity identity = new BuildIdentity("0123456789", "1", "g:a");
    private Path binRoot;
    private Path imagesDirectory;
    private Path releaseDirectory;
    private Path workDirectory;

    @BeforeEach
    void layOutBinaries() throws IOException {
        binRoot = temp.resolve("_output/dockerized/bin");
        imagesDirectory = temp.resolve("build/images");
        releaseDirectory = temp.resolve("_output/release-images");
        workDirectory = temp.resolve("_output/images/release");
        Path amd64 = Files.createDirectories(binRoot.resolve("linux/amd64"));
        Files.write(amd64.resolve(API), API_BYTES);
        Files.write(amd64.resolve(USER), USER_BYTES);
        engine.addImage("base-image-id", List.of(BASE_IMAGE), Map.of());
    }

    /** A request with sensible defaults that each test adjusts through the builder. */
    private final class Request {
        List<String> images = List.of();
        List<String> platforms = List.of();
        boolean pull;
        List<String> extraTags = List.of();
        ReleaseRequest.Compression compression = ReleaseRequest.Compression.NONE;
        boolean keepImages;

        ReleaseRequest build() {
            return new ReleaseRequest(
                    identity.labels(Role.RELEASE_IMAGE),
                    binRoot,
                    imagesDirectory,
                    releaseDirectory,
                    workDirectory,
                    images,
                    platforms,
                    BASE_IMAGE,
                    pull,
                    REGISTRY,
                    TAG,
                    extraTags,
                    2,
                    compression,
                    keepImages);
        }
    }

    private List<ReleaseArchive> release(Request request) {
        try (ShutdownCleanup cleanup = new ShutdownCleanup(console)) {
            return new ReleaseImageService(engine, console, cleanup, new OutputDirectory(releaseDirectory.getParent()))
                    .release(request.build());
        }
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> filesUnder(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    /** The index in the fake's records of the build that carried {@code tag}. */
    private int buildIndexTagged(String tag) {
        for (int i = 0; i < engine.builtRequests.size(); i++) {
            if (engine.builtRequests.get(i).tags().contains(tag)) {
                return i;
            }
        }
        throw new AssertionError("no build tagged " + tag + " among " + engine.builtRequests);
    }

    private Map<String, TarReader.Entry> contextOf(String tag) {
        return TarReader.read(engine.buildContexts.get(buildIndexTagged(tag))).stream()
                .collect(Collectors.toMap(TarReader.Entry::name, Function.identity()));
    }

    private static String image(String name) {
        return REGISTRY + "/" + name + "-amd64:" + TAG;
    }

    // ---- archives, tags and checksums ---------------------------------------------------

    @Test
    void writesOneArchiveAndTagFilePerBinary() throws IOException {
        List<ReleaseArchive> archives = release(new Request());

        Path amd64 = releaseDirectory.resolve("amd64");
        assertEquals(
                List.of(
                        "amd64/SHA256SUMS",
                        "amd64/openim-api.docker_tag",
                        "amd64/openim-api.tar",
                        "amd64/openim-rpc-user.docker_tag",
                        "amd64/openim-rpc-user.tar"),
                filesUnder(releaseDirectory));
        assertEquals(image(API) + "\n", Files.readString(amd64.resolve(API + ".docker_tag")));
        assertEquals(image(USER) + "\n", Files.readString(amd64.resolve(USER + ".docker_tag")));

        assertEquals(2, archives.size());
        Map<String, ReleaseArchive> byName =
                archives.stream().collect(Collectors.toMap(a -> a.binary().name(), Function.identity()));
        assertEquals(amd64.resolve(API + ".tar"), byName.get(API).file());
        assertEquals(image(API), byName.get(API).image());
        assertEquals("openim-api-amd64", byName.get(API).classifier());
        assertEquals(amd64.resolve(USER + ".tar"), byName.get(USER).file());
        assertEquals(image(USER), byName.get(USER).image());

        // The archive holds what the engine saved for exactly that image.
        String saved = Files.readString(amd64.resolve(API + ".tar"));
        assertTrue(saved.contains(" as " + image(API)), saved);
        assertEquals(List.of(), filesUnder(workDirectory), "context tars are deleted after the build");
    }

    @Test
    void buildRequestsCarryTagsArgsLabelsAndPullFlag() {
        Request request = new Request();
        request.pull = true;
        release(request);

        assertEquals(2, engine.builtRequests.size());
        ImageBuildRequest api = engine.builtRequests.get(buildIndexTagged(image(API)));
        assertEquals(List.of(image(API)), api.tags());
        assertEquals(Map.of("BASE_IMAGE", BASE_IMAGE, "BINARY_NAME", API), api.buildArgs());
        assertEquals(API, api.labels().get(ReleaseImageService.LABEL_BINARY));
        assertEquals("0123456789", api.labels().get(BuildIdentity.LABEL_HASH));
        assertEquals(Role.RELEASE_IMAGE.label(), api.labels().get(BuildIdentity.LABEL_ROLE));
        assertTrue(api.pull());
    }

    @Test
    void sha256sumsMatchesTheFilesAsWritten() throws IOException {
        List<ReleaseArchive> archives = release(new Request());

        Path amd64 = releaseDirectory.resolve("amd64");
        String apiSum = sha256(amd64.resolve(API + ".tar"));
        String userSum = sha256(amd64.resolve(USER + ".tar"));
        assertEquals(
                List.of(apiSum + "  " + API + ".tar", userSum + "  " + USER + ".tar"),
                Files.readAllLines(amd64.resolve("SHA256SUMS")));
        for (ReleaseArchive archive : archives) {
            assertEquals(
                    sha256(archive.file()), archive.sha256(), archive.file().toString());
        }
        assertFalse(apiSum.equals(userSum), "different images give different archives");
    }

    @Test
    void extraTagsAreBuiltAndSavedWithTheImage() {
        Request request = new Request();
        request.extraTags = List.of("latest", "v3");
        release(request);

        String repository = REGISTRY + "/" + API + "-amd64";
        List<String> expected = List.of(repository + ":" + TAG, repository + ":latest", repository + ":v3");
        assertEquals(
                expected, engine.builtRequests.get(buildIndexTagged(image(API))).tags());
        assertTrue(engine.savedReferences.contains(expected), engine.savedReferences.toString());
        assertTrue(
                engine.savedReferences.stream()
                        .flatMap(List::stream)
                        .anyMatch((REGISTRY + "/" + USER + "-amd64:latest")::equals),
                engine.savedReferences.toString());
    }

    @Test
    void gzipWritesReadableTarGz() throws IOException {
        Request request = new Request();
        request.compression = ReleaseRequest.Compression.GZIP;
        List<ReleaseArchive> archives = release(request);

        Path archive = releaseDirectory.resolve("amd64/" + API + ".tar.gz");
        assertTrue(Files.isRegularFile(archive));
        assertFalse(Files.exists(releaseDirectory.resolve("amd64/" + API + ".tar")));
        String content;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive))) {
            content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(content.startsWith("fake image ") && content.contains(" as " + image(API)), content);
        assertTrue(Files.readAllLines(releaseDirectory.resolve("amd64/SHA256SUMS"))
                .contains(sha256(archive) + "  " + API + ".tar.gz"));
        assertTrue(archives.stream()
                .allMatch(a -> a.file().getFileName().toString().endsWith(".tar.gz")));
    }

    // ---- selection ----------------------------------------------------------------------

    @Test
    void imagesFilterSelectsOnlyTheNamedBinaries() {
        Request request = new Request();
        request.images = List.of(USER);
        List<ReleaseArchive> archives = release(request);

        assertEquals(
                List.of(USER), archives.stream().map(a -> a.binary().name()).toList());
        assertEquals(1, engine.builtRequests.size());
        assertEquals(List.of(image(USER)), engine.builtRequests.get(0).tags());
        assertFalse(Files.exists(releaseDirectory.resolve("amd64/" + API + ".tar")));
    }

    @Test
    void unknownImageNameIsReported() {
        Request request = new Request();
        request.images = List.of(API, "openim-nope");
        OpenImException e = assertThrows(OpenImException.class, () -> release(request));

        assertTrue(e.getMessage().contains("openim-nope"), e.getMessage());
        assertTrue(e.getMessage().contains("'images'"), e.getMessage());
        assertEquals(List.of(), engine.builtRequests, "nothing is built when the selection is wrong");
    }

    @Test
    void onlyUnknownImageNamesAreReportedToo() {
        Request request = new Request();
        request.images = List.of("openim-nope");
        OpenImException e = assertThrows(OpenImException.class, () -> release(request));

        assertTrue(e.getMessage().contains("openim-nope"), e.getMessage());
    }

    @Test
    void noBinariesPointsAtTheDirectoryAndTheBuildGoal() throws IOException {
        Files.delete(binRoot.resolve("linux/amd64/" + API));
        Files.delete(binRoot.resolve("linux/amd64/" + USER));
        OpenImException e = assertThrows(OpenImException.class, () -> release(new Request()));

        assertTrue(e.getMessage().contains(binRoot.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("openim:build"), e.getMessage());
    }

    @Test
    void missingBinRootIsReportedLikeAnEmptyOne() {
        binRoot = temp.resolve("does-not-exist/bin");
        OpenImException e = assertThrows(OpenImException.class, () -> release(new Request()));

        assertTrue(e.getMessage().contains(binRoot.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("openim:build"), e.getMessage());
    }

    // ---- base image and Dockerfiles -----------------------------------------------------

    @Test
    void missingBaseImageWithoutPullFailsBeforeBuilding() {
        engine.removeImage("base-image-id");
        OpenImException e = assertThrows(OpenImException.class, () -> release(new Request()));

        assertTrue(e.getMessage().contains(BASE_IMAGE), e.getMessage());
        assertTrue(e.getMessage().contains("pullBaseImage"), e.getMessage());
        assertEquals(List.of(), engine.builtRequests);
        assertEquals(List.of(), engine.savedReferences);
    }

    @Test
    void missingBaseImageIsFineWhenPullIsOn() {
        engine.removeImage("base-image-id");
        Request request = new Request();
        request.pull = true;

        assertEquals(2, release(request).size());
    }

    @Test
    void missingBaseImageIsFineWhenEverySelectedBinaryHasItsOwnDockerfile() throws IOException {
        engine.removeImage("base-image-id");
        Path dir = Files.createDirectories(imagesDirectory.resolve(USER));
        Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\n");
        Request request = new Request();
        request.images = List.of(USER);

        assertEquals(1, release(request).size());
    }

    @Test
    void perBinaryDockerfileDirectoryIsTheContext() throws IOException {
        Path dir = Files.createDirectories(imagesDirectory.resolve(USER));
        Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nCOPY openim-rpc-user /app\n");
        Files.writeString(dir.resolve("marker.txt"), "marker\n");
        Files.writeString(dir.resolve(USER), "stale copy that must not shadow the real binary");
        release(new Request());

        Map<String, TarReader.Entry> user = contextOf(image(USER));
        assertEquals(
                List.of("Dockerfile", "marker.txt", USER),
                user.keySet().stream().sorted().toList());
        assertEquals(
                "FROM scratch\nCOPY openim-rpc-user /app\n",
                user.get("Dockerfile").text());
        assertEquals("marker\n", user.get("marker.txt").text());
        assertEquals(
                new String(USER_BYTES, StandardCharsets.UTF_8), user.get(USER).text());
        assertEquals(0755, user.get(USER).mode());
        assertEquals(
                1,
                TarReader.read(engine.buildContexts.get(buildIndexTagged(image(USER)))).stream()
                        .filter(entry -> entry.name().equals(USER))
                        .count(),
                "the binary is in the context once");

        // The binary without its own Dockerfile still gets the generated one.
        Map<String, TarReader.Entry> api = contextOf(image(API));
        assertEquals(List.of("Dockerfile", API), api.keySet().stream().sorted().toList());
        assertEquals(
                ReleaseImageService.generatedDockerfile(API),
                api.get("Dockerfile").text());
        assertEquals(new String(API_BYTES, StandardCharsets.UTF_8), api.get(API).text());
        assertTrue(
                console.infos.stream()
                        .anyMatch(m -> m.contains(dir.resolve("Dockerfile").toString())),
                console.infos.toString());
    }

    @Test
    void generatedDockerfileUsesBaseImageArgAndTheBinaryAsEntrypoint() {
        String dockerfile = ReleaseImageService.generatedDockerfile("openim-msggateway");
        List<String> lines = dockerfile.lines().toList();

        int argLine = lines.indexOf("ARG BASE_IMAGE");
        int fromLine = lines.indexOf("FROM ${BASE_IMAGE}");
        assertTrue(argLine >= 0 && fromLine > argLine, dockerfile);
        assertTrue(lines.contains("ENTRYPOINT [\"/usr/local/bin/openim-msggateway\"]"), dockerfile);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("COPY ") && l.contains("/usr/local/bin/")), dockerfile);
        assertTrue(dockerfile.endsWith("\n"), "a Dockerfile ends with a newline");
    }

    // ---- engine clean-up ----------------------------------------------------------------

    @Test
    void builtImagesAreRemovedAfterArchiving() {
        release(new Request());

        assertEquals(
                List.of("image-1", "image-2"),
                engine.removedImages.stream().sorted().toList());
        assertFalse(engine.hasImage("image-1"));
        assertFalse(engine.hasImage("image-2"));
        assertTrue(engine.hasImage("base-image-id"), "the base image is left alone");
    }

    @Test
    void keepImagesLeavesThemInTheEngine() {
        Request request = new Request();
        request.keepImages = true;
        release(request);

        assertEquals(List.of(), engine.removedImages);
        assertTrue(engine.inspectImage(image(API)).isPresent());
        assertTrue(engine.inspectImage(image(USER)).isPresent());
    }

    // ---- failures -----------------------------------------------------------------------

    @Test
    void failedSaveLeavesNoArchiveAndNoPartialFile() throws IOException {
        engine.failSaves = true;
        RuntimeException e = assertThrows(RuntimeException.class, () -> release(new Request()));

        assertInstanceOf(OpenImException.class, e, "users get a message, not a stack trace");
        assertTrue(e.getMessage().contains("save interrupted"), e.getMessage());
        assertFalse(engine.savedReferences.isEmpty(), "the save was attempted");
        List<String> left = filesUnder(releaseDirectory);
        assertTrue(left.stream().noneMatch(f -> f.endsWith(".tar") || f.endsWith(".partial")), left.toString());
        assertTrue(left.stream().noneMatch(f -> f.endsWith(".docker_tag")), left.toString());
        try (Stream<Path> all = Files.walk(temp)) {
            List<Path> partial = all.filter(p -> p.getFileName().toString().endsWith(".partial"))
                    .toList();
            assertEquals(List.of(), partial);
        }
        assertEquals(
                List.of("image-1", "image-2"),
                engine.removedImages.stream().sorted().toList(),
                "images are removed even when archiving fails");
    }

    @Test
    void failedSaveKeepsAnEarlierArchiveIntact() throws IOException {
        Path amd64 = Files.createDirectories(releaseDirectory.resolve("amd64"));
        Files.writeString(amd64.resolve(API + ".tar"), "previous release\n");
        engine.failSaves = true;
        Request request = new Request();
        request.images = List.of(API);

        assertThrows(OpenImException.class, () -> release(request));
        assertEquals("previous release\n", Files.readString(amd64.resolve(API + ".tar")));
    }

    @Test
    void oneFailedBuildNamesTheBinaryAndKeepsTheOtherArchive() throws IOException {
        engine.failBuildsTagged(image(USER), "COPY failed: no such file", List.of("Step 2/5 : COPY x y"));
        BuildFailedException e = assertThrows(BuildFailedException.class, () -> release(new Request()));

        assertTrue(e.getMessage().contains(USER), e.getMessage());
        assertTrue(e.getMessage().contains("COPY failed: no such file"), e.getMessage());
        assertTrue(e.getMessage().contains("Step 2/5 : COPY x y"), e.getMessage());
        assertTrue(
                e.getMessage().contains("amd64/" + API + ".tar"),
                "names the archive that completed: " + e.getMessage());

        Path amd64 = releaseDirectory.resolve("amd64");
        assertTrue(Files.isRegularFile(amd64.resolve(API + ".tar")));
        assertFalse(Files.exists(amd64.resolve(USER + ".tar")));
        assertFalse(Files.exists(amd64.resolve(USER + ".docker_tag")));
        assertEquals(
                List.of(sha256(amd64.resolve(API + ".tar")) + "  " + API + ".tar"),
                Files.readAllLines(amd64.resolve("SHA256SUMS")));
        assertTrue(
                engine.removedImages.contains("image-1") || engine.removedImages.contains("image-2"),
                "the image that was built is removed: " + engine.removedImages);
    }

    // ---- Sha256Sums ---------------------------------------------------------------------

    @Nested
    class Sha256SumsUpdate {

        @Test
        void mergesWithExistingEntriesAndDropsThoseWhoseFileIsGone() throws IOException {
            Path dir = Files.createDirectories(temp.resolve("sums"));
            Files.writeString(dir.resolve("a.tar"), "a");
            Files.writeString(dir.resolve("b.tar"), "b");
            Files.writeString(dir.resolve("c.tar"), "c");
            Files.writeString(
                    dir.resolve(Sha256Sums.FILE_NAME),
                    "aaaa  a.tar\nbbbb-old  b.tar\ngone  removed.tar\nnot a checksum line\n");

            Sha256Sums.update(dir, Map.of("b.tar", "bbbb-new", "c.tar", "cccc", "never-written.tar", "dddd"));

            assertEquals(
                    List.of("aaaa  a.tar", "bbbb-new  b.tar", "cccc  c.tar"),
                    Files.readAllLines(dir.resolve(Sha256Sums.FILE_NAME)));
            try (Stream<Path> files = Files.list(dir)) {
                assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".partial")));
            }
        }

        @Test
        void createsTheFileWhenAbsent() throws IOException {
            Path dir = Files.createDirectories(temp.resolve("fresh"));
            Files.writeString(dir.resolve("x.tar.gz"), "x");

            Sha256Sums.update(dir, Map.of("x.tar.gz", "1234"));

            assertEquals("1234  x.tar.gz\n", Files.readString(dir.resolve(Sha256Sums.FILE_NAME)));
        }

        @Test
        void keepsEntriesOfAnEarlierRunWhoseArchiveIsStillThere() throws IOException {
            release(new Request());
            Path amd64 = releaseDirectory.resolve("amd64");
            String userLine = sha256(amd64.resolve(USER + ".tar")) + "  " + USER + ".tar";

            Request onlyApi = new Request();
            onlyApi.images = List.of(API);
            release(onlyApi);

            List<String> lines = Files.readAllLines(amd64.resolve("SHA256SUMS"));
            assertEquals(List.of(sha256(amd64.resolve(API + ".tar")) + "  " + API + ".tar", userLine), lines);
        }
    }

    // ---- BinaryScanner ------------------------------------------------------------------

    @Nested
    class Scanner {

        private Path root;

        @BeforeEach
        void layOut() throws IOException {
            root = temp.resolve("scan/bin");
            Files.createDirectories(root.resolve("linux/amd64/nested"));
            Files.createDirectories(root.resolve("linux/arm64"));
            Files.createDirectories(root.resolve("darwin/amd64"));
            Files.writeString(root.resolve("README"), "depth 1");
            Files.writeString(root.resolve("linux/notes.txt"), "depth 2");
            Files.writeString(root.resolve("linux/amd64/nested/too-deep"), "depth 4");
            Files.writeString(root.resolve("linux/amd64/openim-api"), "1");
            Files.writeString(root.resolve("linux/amd64/openim-push"), "2");
            Files.writeString(root.resolve("linux/arm64/openim-api"), "3");
            Files.writeString(root.resolve("darwin/amd64/openim-api"), "4");
        }

        private List<String> describe(List<ReleaseBinary> binaries) {
            List<String> out = new ArrayList<>();
            for (ReleaseBinary b : binaries) {
                out.add(b.platform() + "/" + b.name());
                assertEquals(root.resolve(b.os()).resolve(b.arch()).resolve(b.name()), b.file());
            }
            return out;
        }

        @Test
        void onlyFilesAtDepthOsArchNameCount() {
            assertEquals(
                    List.of("linux/amd64/openim-api", "linux/amd64/openim-push", "linux/arm64/openim-api"),
                    describe(BinaryScanner.scan(root, List.of(), List.of("linux/amd64", "linux/arm64"))));
        }

        @Test
        void oneNameAndArchOnTwoOperatingSystemsIsRefused() {
            OpenImException e =
                    assertThrows(OpenImException.class, () -> BinaryScanner.scan(root, List.of(), List.of()));
            assertTrue(e.getMessage().contains("openim-api exists for amd64 on more than one OS"), e.getMessage());
            assertTrue(e.getMessage().contains("buildPlatforms"), e.getMessage());
        }

        @Test
        void anUnknownNameIsNamedEvenWhenOtherBinariesExist() {
            OpenImException e = assertThrows(
                    OpenImException.class,
                    () -> BinaryScanner.scan(root, List.of("openim-nope"), List.of("linux/amd64")));
            assertTrue(e.getMessage().contains("[openim-nope]"), e.getMessage());
            assertFalse(e.getMessage().contains("Run openim:build first"), e.getMessage());
        }

        @Test
        void platformFilterSelectsOneOsAndArch() {
            List<ReleaseBinary> found = BinaryScanner.scan(root, List.of(), List.of("linux/amd64"));

            assertEquals(List.of("linux/amd64/openim-api", "linux/amd64/openim-push"), describe(found));
            ReleaseBinary api = found.get(0);
            assertEquals("linux", api.os());
            assertEquals("amd64", api.arch());
            assertEquals("openim-api-amd64", api.imageName());
        }

        @Test
        void nameAndPlatformFiltersCombine() {
            assertEquals(
                    List.of("linux/arm64/openim-api"),
                    describe(BinaryScanner.scan(root, List.of("openim-api"), List.of("linux/arm64"))));
        }

        @Test
        void platformWithNothingInItIsAnError() {
            OpenImException e = assertThrows(
                    OpenImException.class, () -> BinaryScanner.scan(root, List.of(), List.of("linux/s390x")));
            assertTrue(e.getMessage().contains("linux/s390x"), e.getMessage());
        }
    }
}
