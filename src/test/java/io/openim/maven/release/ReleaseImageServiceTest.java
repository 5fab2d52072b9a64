package io.openim.maven.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.openim.maven.BuildFailedException;
import io.openim.maven.OpenImException;
import io.openim.maven.docker.DockerEngine;
import io.openim.maven.docker.FakeDockerEngine;
import io.openim.maven.docker.ImageBuildRequest;
import io.openim.maven.oci.Platform;
import io.openim.maven.process.OutputDirectory;
import io.openim.maven.process.ShutdownCleanup;
import io.openim.maven.setting.Setting;
import io.openim.maven.util.RecordingConsole;
import io.openim.maven.util.Sha256;
import io.openim.maven.util.TarStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseImageServiceTest {

    private static final String API = "openim-api";
    private static final String USER = "openim-rpc-user";
    private static final Platform AMD64 = new Platform("linux", "amd64", null);
    private static final Platform ARM64 = new Platform("linux", "arm64", null);
    private static final Instant CREATED = Instant.ofEpochSecond(1_700_000_000L);

    @TempDir
    Path temp;

    private Path root;
    private final FakeDockerEngine engine = new FakeDockerEngine();
    private final RecordingConsole console = new RecordingConsole();
    private int engineOpened;

    /** What a test changes from a valid request. */
    private String baseImage = "base:amd64";

    private List<String> baseImages = List.of("linux/arm64=base:arm64");
    private List<String> extraTags = List.of();
    private List<Platform> platforms = List.of();
    private List<String> images = List.of();
    private ReleaseRequest.Compression compression = ReleaseRequest.Compression.NONE;
    private boolean keepImages;
    private boolean pull;
    private Instant created = CREATED;
    private ImageMetadata metadata = ImageMetadata.none();

    @BeforeEach
    void layOut() throws IOException {
        root = temp.resolve("project");
        for (Platform platform : List.of(AMD64, ARM64)) {
            Path dir = Files.createDirectories(root.resolve("_output/dockerized/bin/" + platform));
            Files.writeString(dir.resolve(API), "api binary for " + platform);
            Files.writeString(dir.resolve(USER), "user binary for " + platform);
        }
        engine.addSavedImage(
                "sha256:amd",
                List.of("base:amd64"),
                "linux",
                "amd64",
                ImageArchives.savedImage("amd64", Map.of("etc/os-release", "amd64 base")));
        engine.addSavedImage(
                "sha256:arm",
                List.of("base:arm64"),
                "linux",
                "arm64",
                ImageArchives.savedImage("arm64", Map.of("etc/os-release", "arm64 base")));
    }

    private ReleaseRequest request() {
        java.util.Map<Platform, String> bases = new java.util.TreeMap<>();
        for (String entry : baseImages) {
            bases.put(
                    Platform.parse(entry.substring(0, entry.indexOf('=')), Setting.RUNTIME_BASE_IMAGES),
                    entry.substring(entry.indexOf('=') + 1));
        }
        Path out = root.resolve("_output");
        return new ReleaseRequest(
                Map.of("io.openim.managed", "true", "io.openim.role", "release-image", "io.openim.project", "g:a"),
                Map.of("io.openim.hash", "0123456789"),
                out.resolve("dockerized/bin"),
                root.resolve("build/images"),
                out.resolve("release-images"),
                out.resolve("images/release"),
                out.resolve("images/bases"),
                images,
                platforms,
                baseImage,
                bases,
                pull,
                "registry.example/openim",
                "1.0.0",
                extraTags,
                2,
                compression,
                keepImages,
                created,
                metadata);
    }

    private List<ReleaseArchive> release() {
        Supplier<DockerEngine> engines = () -> {
            engineOpened++;
            return engine;
        };
        try (ShutdownCleanup cleanup = new ShutdownCleanup(console)) {
            return new ReleaseImageService(engines, console, cleanup, new OutputDirectory(root.resolve("_output")))
                    .release(request());
        }
    }

    private Path archive(Platform platform, String name) {
        return root.resolve("_output/release-images/" + platform.archTag() + "/" + name + ".tar");
    }

    @Test
    void eachBinaryGetsAnImageOfItsPlatformOnThatPlatformsBase() throws IOException {
        List<ReleaseArchive> archives = release();
        assertEquals(4, archives.size());
        for (Platform platform : List.of(AMD64, ARM64)) {
            Map<String, byte[]> entries = ImageArchives.entries(archive(platform, API));
            JsonNode config = ImageArchives.config(entries);
            assertEquals(platform.architecture(), config.get("architecture").asText());
            assertEquals("linux", config.get("os").asText());
            assertEquals(
                    "[\"/usr/local/bin/openim-api\"]",
                    config.path("config").get("Entrypoint").toString());
            assertNull(config.path("config").get("Cmd"), "the base's Cmd would become the binary's arguments");
            assertEquals("[\"PATH=/bin\"]", config.path("config").get("Env").toString());
            assertEquals("/srv", config.path("config").get("WorkingDir").asText());
            JsonNode labels = config.path("config").get("Labels");
            assertEquals("kept", labels.get("base.label").asText());
            assertEquals(API, labels.get("io.openim.binary").asText());
            assertEquals("g:a", labels.get("io.openim.project").asText());
            assertNull(labels.get("io.openim.hash"), "no label that differs from one machine to the next");
            assertEquals(2, config.path("rootfs").get("diff_ids").size());
            assertEquals(2, config.get("history").size());
            assertEquals("2023-11-14T22:13:20Z", config.get("created").asText());

            Map<String, TarStream.Entry> layer = ImageArchives.lastLayer(entries);
            assertEquals(
                    List.of("usr/", "usr/local/", "usr/local/bin/", "usr/local/bin/openim-api"),
                    List.copyOf(layer.keySet()));
            TarStream.Entry binary = layer.get("usr/local/bin/openim-api");
            assertEquals(0755, binary.mode());
            assertEquals(CREATED.getEpochSecond(), binary.mtime());
        }
        assertEquals(
                List.of("sha256:amd", "sha256:arm"),
                engine.exportedImages.stream().sorted().toList());
        assertEquals(List.of(), engine.builtRequests, "no image is built in the engine");
    }

    @Test
    void theArchiveIsAnOciLayoutAndADockerSaveArchive() throws IOException {
        extraTags = List.of("latest");
        release();
        Map<String, byte[]> entries = ImageArchives.entries(archive(AMD64, API));
        assertEquals(
                List.of("oci-layout", "index.json", "manifest.json", "blobs/", "blobs/sha256/"),
                List.copyOf(entries.keySet()).subList(0, 5));
        JsonNode docker = ImageArchives.json(entries.get("manifest.json")).get(0);
        assertEquals(
                "[\"registry.example/openim/openim-api-amd64:1.0.0\",\"registry.example/openim/openim-api-amd64:latest\"]",
                docker.get("RepoTags").toString());
        JsonNode index = ImageArchives.json(entries.get("index.json"));
        assertEquals(2, index.get("manifests").size());
        JsonNode descriptor = index.get("manifests").get(0);
        assertEquals("amd64", descriptor.path("platform").get("architecture").asText());
        assertEquals(
                "registry.example/openim/openim-api-amd64:1.0.0",
                descriptor.path("annotations").get("io.containerd.image.name").asText());
        byte[] manifest =
                entries.get("blobs/sha256/" + descriptor.get("digest").asText().substring(7));
        assertEquals(descriptor.get("digest").asText(), "sha256:" + Sha256.hex(manifest));
        JsonNode oci = ImageArchives.json(manifest);
        String configPath =
                "blobs/sha256/" + oci.path("config").get("digest").asText().substring(7);
        assertEquals(docker.get("Config").asText(), configPath);
        for (JsonNode layer : oci.get("layers")) {
            byte[] blob =
                    entries.get("blobs/sha256/" + layer.get("digest").asText().substring(7));
            assertEquals(layer.get("size").asLong(), blob.length);
            assertEquals(layer.get("digest").asText(), "sha256:" + Sha256.hex(blob));
        }
    }

    @Test
    void theSameInputGivesTheSameBytesAndAnotherTimeDoesNot() throws IOException {
        release();
        String first = Sha256.hex(Files.readAllBytes(archive(ARM64, USER)));
        release();
        assertEquals(first, Sha256.hex(Files.readAllBytes(archive(ARM64, USER))));
        assertEquals(2, engine.exportedImages.size(), "the bases were taken from the engine once and kept");
        created = CREATED.plusSeconds(1);
        release();
        assertNotEquals(first, Sha256.hex(Files.readAllBytes(archive(ARM64, USER))));
    }

    @Test
    void scratchNeedsNoEngineAtAll() throws IOException {
        baseImage = "scratch";
        baseImages = List.of();
        release();
        assertEquals(0, engineOpened);
        JsonNode config = ImageArchives.config(ImageArchives.entries(archive(ARM64, API)));
        assertEquals(1, config.path("rootfs").get("diff_ids").size());
        assertNull(config.path("config").get("Env"));
    }

    @Test
    void aBaseOfAnotherPlatformIsRefusedWithTheWayOut() {
        baseImages = List.of();
        OpenImException e = assertThrows(OpenImException.class, this::release);
        assertTrue(
                e.getMessage()
                        .contains(
                                "The runtime base image base:amd64 on the engine is linux/amd64, not" + " linux/arm64"),
                e.getMessage());
        assertTrue(e.getMessage().contains("'runtimeBaseImages'"), e.getMessage());
        assertFalse(Files.exists(root.resolve("_output/release-images")), "refused before anything is written");
    }

    @Test
    void aMissingBaseNamesItsPlatformOrIsPulledForIt() throws IOException {
        baseImages = List.of("linux/arm64=missing:1");
        OpenImException e = assertThrows(OpenImException.class, this::release);
        assertTrue(
                e.getMessage()
                        .contains("The runtime base image missing:1 for linux/arm64 is not on the Docker"
                                + " engine and pulling is off"),
                e.getMessage());
        assertTrue(e.getMessage().contains("docker pull --platform linux/arm64 missing:1"), e.getMessage());

        pull = true;
        engine.pullable(
                "missing:1",
                "sha256:pulled",
                "linux",
                "arm64",
                ImageArchives.savedImage("arm64", Map.of("pulled", "yes")));
        release();
        assertEquals(List.of("missing:1 linux/arm64"), engine.pulls);
    }

    @Test
    void oneNameForEveryPlatformIsPulledPerPlatformAndTakenByItsId() throws IOException {
        // Like debian:bookworm-slim for amd64 and arm64: on the engine the name holds one of them.
        baseImage = "shared:1";
        baseImages = List.of();
        pull = true;
        engine.pullable("shared:1", "sha256:shared-amd", "linux", "amd64", ImageArchives.savedImage("amd64", Map.of()));
        engine.pullable("shared:1", "sha256:shared-arm", "linux", "arm64", ImageArchives.savedImage("arm64", Map.of()));
        release();
        assertEquals(
                List.of("shared:1 linux/amd64", "shared:1 linux/arm64"),
                engine.pulls.stream().sorted().toList());
        assertEquals(
                List.of("sha256:shared-amd", "sha256:shared-arm"),
                engine.exportedImages.stream().sorted().toList());
        for (Platform platform : List.of(AMD64, ARM64)) {
            JsonNode config = ImageArchives.config(ImageArchives.entries(archive(platform, API)));
            assertEquals(platform.architecture(), config.get("architecture").asText());
        }
    }

    @Test
    void platformsAndNamesSelect() {
        platforms = List.of(ARM64);
        images = List.of(USER);
        assertEquals(
                List.of("openim-rpc-user-arm64"),
                release().stream().map(ReleaseArchive::classifier).toList());
        assertFalse(Files.exists(archive(AMD64, USER)));
    }

    @Test
    void gzipArchivesHoldTheSameLayout() throws IOException {
        compression = ReleaseRequest.Compression.GZIP;
        release();
        Path gz = root.resolve("_output/release-images/amd64/openim-api.tar.gz");
        assertTrue(ImageArchives.entries(gz).containsKey("manifest.json"));
    }

    @Test
    void sha256sumsDescribesWhatWasWrittenAndForgetsWhatIsGone() throws IOException {
        release();
        Path sums = root.resolve("_output/release-images/arm64/SHA256SUMS");
        List<String> lines = Files.readAllLines(sums);
        assertEquals(2, lines.size());
        assertEquals(Sha256.hex(Files.readAllBytes(archive(ARM64, API))) + "  openim-api.tar", lines.get(0));
        Files.delete(archive(ARM64, USER));
        platforms = List.of(AMD64);
        release();
        assertEquals(1, Files.readAllLines(sums).size(), "a run for amd64 still drops arm64's vanished archive");
    }

    @Test
    void keepImagesLoadsExactlyTheArchivesIntoTheEngine() throws IOException {
        keepImages = true;
        release();
        assertEquals(4, engine.loadedArchives.size());
        List<String> loaded = new ArrayList<>();
        for (byte[] archive : engine.loadedArchives) {
            loaded.add(Sha256.hex(archive));
        }
        assertTrue(loaded.contains(Sha256.hex(Files.readAllBytes(archive(AMD64, API)))));
    }

    @Test
    void aPerBinaryDockerfileIsBuiltForTheBinarysPlatformAndMadeReproducible() throws IOException {
        Path dir = Files.createDirectories(root.resolve("build/images/" + API));
        Files.writeString(dir.resolve("Dockerfile"), "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nCOPY openim-api /x\n");
        Files.writeString(dir.resolve("extra.conf"), "conf");
        engine.withBuiltArchive(ImageArchives.savedImage("arm64", Map.of("x", "built")));
        platforms = List.of(ARM64);
        images = List.of(API);
        release();

        ImageBuildRequest build = engine.builtRequests.get(0);
        assertEquals("linux/arm64", build.platform());
        assertEquals(List.of(), build.tags(), "built without a tag another checkout could move");
        assertEquals("base:arm64", build.buildArgs().get("BASE_IMAGE"));
        assertEquals(API, build.buildArgs().get("BINARY_NAME"));
        assertEquals("0123456789", build.labels().get("io.openim.hash"));
        assertTrue(build.labels().containsKey(ReleaseImageService.LABEL_RUN));
        assertEquals(List.of("image-1"), engine.exportedImages, "saved by image ID");
        assertTrue(engine.removedImages.contains("image-1"), "and removed from the engine");
        JsonNode config = ImageArchives.config(ImageArchives.entries(archive(ARM64, API)));
        assertEquals("2023-11-14T22:13:20Z", config.get("created").asText());
        assertEquals(
                "2023-11-14T22:13:20Z",
                config.get("history").get(0).get("created").asText());
    }

    @Test
    void aDockerfileThatMustRunOnAForeignPlatformIsExplained() throws IOException {
        Path dir = Files.createDirectories(root.resolve("build/images/" + API));
        Files.writeString(dir.resolve("Dockerfile"), "FROM x\nRUN true\n");
        engine.failBuildsLabelled(
                "io.openim.binary",
                API,
                "The command '/bin/sh -c true' returned a non-zero code: 1",
                List.of("exec /bin/sh: exec format error"));
        platforms = List.of(ARM64);
        images = List.of(API);
        BuildFailedException e = assertThrows(BuildFailedException.class, this::release);
        assertTrue(e.getMessage().contains("has steps (RUN) that must run on linux/arm64"), e.getMessage());
        assertTrue(e.getMessage().contains("cannot run linux/arm64 programs"), e.getMessage());
    }

    @Test
    void oneFailedBuildNamesTheBinaryRemovesItsOldArchiveAndKeepsTheOthers() throws IOException {
        platforms = List.of(AMD64);
        release();
        assertTrue(Files.exists(archive(AMD64, API)));
        Path dir = Files.createDirectories(root.resolve("build/images/" + API));
        Files.writeString(dir.resolve("Dockerfile"), "FROM x\nRUN false\n");
        engine.failBuildsLabelled("io.openim.binary", API, "returned a non-zero code: 1", List.of("boom"));
        BuildFailedException e = assertThrows(BuildFailedException.class, this::release);
        assertTrue(e.getMessage().contains("The release image for openim-api (linux/amd64) failed"), e.getMessage());
        assertTrue(
                e.getMessage().contains("These archives completed and are valid: [amd64/openim-rpc-user.tar]"),
                e.getMessage());
        assertFalse(Files.exists(archive(AMD64, API)), "an archive of an earlier run is not left as if current");
        assertEquals(
                1,
                Files.readAllLines(root.resolve("_output/release-images/amd64/SHA256SUMS"))
                        .size());
        assertTrue(Files.exists(archive(AMD64, USER)));
    }

    @Test
    void nothingIsLeftInTheWorkDirectory() throws IOException {
        release();
        Path work = root.resolve("_output/images/release");
        try (var files = Files.walk(work)) {
            assertEquals(List.of(work), files.toList());
        }
    }

    private ImageMetadata metadata(Map<String, String> overrides, String user) {
        return new ImageMetadata(
                Map.of(
                        "org.opencontainers.image.source", "https://github.com/example/server",
                        "org.opencontainers.image.revision", "c0ffee",
                        "org.opencontainers.image.version", "1.0.0",
                        "org.opencontainers.image.licenses", "Apache-2.0"),
                overrides,
                user,
                "https://example.com",
                "openim-maven-plugin-9.9",
                List.of("a note about a label"));
    }

    @Test
    void imagesCarryTheOciLabelsAsLabelsAndAnnotationsAndRunAsTheImageUser() throws IOException {
        metadata = metadata(Map.of("com.example.team", "core", "org.opencontainers.image.revision", ""), "65532:65532");
        release();
        assertTrue(console.infos.contains("a note about a label"), console.infos.toString());
        for (Platform platform : List.of(AMD64, ARM64)) {
            Map<String, byte[]> entries = ImageArchives.entries(archive(platform, API));
            JsonNode config = ImageArchives.config(entries);
            JsonNode labels = config.path("config").path("Labels");
            assertEquals(
                    "https://github.com/example/server",
                    labels.get("org.opencontainers.image.source").asText(),
                    "the base's own source label describes the base: replaced");
            assertNull(labels.get("org.opencontainers.image.revision"), "an empty value removes a label");
            assertEquals("core", labels.get("com.example.team").asText());
            assertEquals("kept", labels.get("base.label").asText());
            assertEquals(API, labels.get("org.opencontainers.image.title").asText());
            assertEquals(
                    "docker.io/library/base:" + platform.architecture(),
                    labels.get("org.opencontainers.image.base.name").asText());
            assertEquals(
                    platform == AMD64 ? "sha256:amd" : "sha256:arm",
                    labels.get("org.opencontainers.image.base.digest").asText());
            assertEquals("65532:65532", config.path("config").get("User").asText());
            JsonNode index = ImageArchives.json(entries.get("index.json"));
            JsonNode manifest = ImageArchives.json(entries.get("blobs/sha256/"
                    + index.path("manifests").get(0).get("digest").asText().substring(7)));
            JsonNode annotations = manifest.get("annotations");
            List<String> keys = new ArrayList<>();
            annotations.fieldNames().forEachRemaining(keys::add);
            assertEquals(
                    List.of(
                            "org.opencontainers.image.base.digest",
                            "org.opencontainers.image.base.name",
                            "org.opencontainers.image.licenses",
                            "org.opencontainers.image.source",
                            "org.opencontainers.image.title",
                            "org.opencontainers.image.version"),
                    keys);
            assertEquals(API, annotations.get("org.opencontainers.image.title").asText());
        }
    }

    @Test
    void scratchImagesNameNoBaseAndKeepNoUserUnlessOneIsSet() throws IOException {
        baseImage = "scratch";
        baseImages = List.of();
        release();
        JsonNode config = ImageArchives.config(ImageArchives.entries(archive(AMD64, API)));
        assertNull(config.path("config").get("Labels").get("org.opencontainers.image.base.name"));
        assertNull(config.path("config").get("User"));
    }

    private void goBinary(Platform platform, String name, String modinfo) throws IOException {
        Files.write(
                root.resolve("_output/dockerized/bin/" + platform + "/" + name),
                io.openim.maven.sbom.ElfFixtures.elf(
                        io.openim.maven.sbom.ElfFixtures.buildInfo("go1.19.8", modinfo, 2),
                        true,
                        java.nio.ByteOrder.LITTLE_ENDIAN,
                        true));
    }

    @Test
    void eachGoBinaryGetsAnSbomBesideItsArchiveListedInSha256sums() throws IOException {
        metadata = metadata(Map.of(), null);
        String modinfo = "path\texample.com/server/cmd/api\nmod\texample.com/server\t(devel)\t\n"
                + "dep\tgithub.com/pkg/errors\tv0.9.1\th1:FEBLx1zS214owpjy7qsBeixbURkuhQAwrK5UwLGTwt4=\n"
                + "build\tGOOS=linux\n";
        goBinary(AMD64, API, modinfo);
        goBinary(ARM64, API, modinfo);
        List<ReleaseArchive> archives = release();
        Path sbom = root.resolve("_output/release-images/amd64/openim-api.spdx.json");
        byte[] first = Files.readAllBytes(sbom);
        JsonNode doc = ImageArchives.json(first);
        String manifestDigest = ImageArchives.json(
                        ImageArchives.entries(archive(AMD64, API)).get("index.json"))
                .path("manifests")
                .get(0)
                .get("digest")
                .asText();
        assertEquals(manifestDigest, io.openim.maven.sbom.SpdxDocument.describedManifest(first));
        assertEquals(
                "Tool: openim-maven-plugin-9.9",
                doc.path("creationInfo").path("creators").get(0).asText());
        assertEquals(
                "2023-11-14T22:13:20Z", doc.path("creationInfo").get("created").asText());
        assertTrue(doc.toString().contains("\"name\":\"docker.io/library/base:amd64\""), doc.toString());
        assertTrue(doc.toString().contains("pkg:golang/github.com/pkg/errors@v0.9.1"), doc.toString());
        String sums = Files.readString(root.resolve("_output/release-images/amd64/SHA256SUMS"));
        assertTrue(sums.contains(Sha256.hex(first) + "  openim-api.spdx.json\n"), sums);
        assertTrue(archives.stream().anyMatch(a -> sbom.equals(a.sbom())));
        // The text "binaries" of the other image have no build information: a warning, no SBOM.
        assertFalse(Files.exists(root.resolve("_output/release-images/amd64/openim-rpc-user.spdx.json")));
        assertTrue(
                console.warnings.stream()
                        .anyMatch(w -> w.startsWith("No SBOM for openim-rpc-user (linux/amd64): ")
                                && w.endsWith(": it is not an ELF binary.")),
                console.warnings.toString());

        release();
        assertEquals(Sha256.hex(first), Sha256.hex(Files.readAllBytes(sbom)), "the same input, the same bytes");
        // A binary that lost its build information loses its SBOM and its line in SHA256SUMS.
        Files.writeString(root.resolve("_output/dockerized/bin/linux/amd64/" + API), "not go any more");
        release();
        assertFalse(Files.exists(sbom));
        assertFalse(Files.readString(root.resolve("_output/release-images/amd64/SHA256SUMS"))
                .contains("openim-api.spdx.json"));
    }
}
