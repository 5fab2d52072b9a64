package io.openim.maven.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openim.maven.OpenImException;
import io.openim.maven.oci.Platform;
import io.openim.maven.process.BuildUser;
import io.openim.maven.setting.Goal;
import io.openim.maven.setting.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoalRequestsTest {

    @TempDir
    Path root;

    private final Properties props = new Properties();
    private final Map<String, String> env = new HashMap<>();
    private final Map<Setting, Object> pom = new EnumMap<>(Setting.class);
    private final Map<String, String> containerEnv = new LinkedHashMap<>();
    private ProjectFacts facts;

    /** The requests of {@code openim:build}, which reads nearly every container setting. */
    private GoalRequests config() {
        return config(Goal.BUILD);
    }

    private GoalRequests config(Goal goal) {
        Map<Setting, Object> values = new EnumMap<>(Setting.class);
        pom.forEach((setting, value) -> {
            if (setting.goals().contains(goal)) {
                values.put(setting, value);
            }
        });
        if (!containerEnv.isEmpty() && Setting.ENV.goals().contains(goal)) {
            values.put(Setting.ENV, containerEnv);
        }
        GoalSettings settings = new GoalSettings(
                goal,
                facts == null ? new ProjectFacts(root, "g", "a", "1.0") : facts,
                new SettingsResolver(props, env),
                values);
        return new GoalRequests(settings, root.resolve("tmp"));
    }

    private String buildImageVersion() {
        return config().identity().version();
    }

    // ---- build image version --------------------------------------------------------------

    @Test
    void buildImageVersionFromTheSettingWins() throws IOException {
        writeVersionFile("9\n");
        pom.put(Setting.BUILD_IMAGE_VERSION, "7");
        assertEquals("7", buildImageVersion());
        props.setProperty("openim.build.image.version", "8");
        assertEquals("8", buildImageVersion());
    }

    @Test
    void buildImageVersionFromVersionFileBesideTheDockerfile() throws IOException {
        writeVersionFile("  v5.1 \n\n");
        assertEquals("v5.1", buildImageVersion());
    }

    @Test
    void buildImageVersionFollowsAConfiguredDockerfile() throws IOException {
        Path dir = Files.createDirectories(root.resolve("docker/builder"));
        Files.writeString(dir.resolve("VERSION"), "42");
        writeVersionFile("9");
        pom.put(Setting.DOCKERFILE, "docker/builder/Dockerfile");
        assertEquals("42", buildImageVersion());
    }

    @Test
    void buildImageVersionDefaultsToOne() throws IOException {
        assertEquals("1", buildImageVersion());
        writeVersionFile("  \n");
        assertEquals("1", buildImageVersion(), "an empty VERSION file counts as none");
    }

    @Test
    void identityUsesTheResolvedVersionAndProject() throws IOException {
        writeVersionFile("3");
        assertEquals("3", config().identity().version());
        assertEquals("g:a", config().identity().project());
        assertTrue(config().identity().hash().matches("[0-9a-f]{10}"));
    }

    private void writeVersionFile(String text) throws IOException {
        Path dir = Files.createDirectories(root.resolve("build/build-image"));
        Files.writeString(dir.resolve("VERSION"), text);
    }

    // ---- build environment ----------------------------------------------------------------

    @Test
    void buildEnvironmentPassesOnlySetVariablesNamedInPassEnv() {
        env.put("GOFLAGS", "-mod=mod");
        env.put("OPENIM_FOO", "bar");
        env.put("OPENIM_", "empty-suffix");
        env.put("HOME", "/home/me");
        env.put("PATH", "/usr/bin");
        env.put("GOPROXYX", "not-a-match");

        Map<String, String> result = config().buildPlan().environment();
        assertEquals(Map.of("GOFLAGS", "-mod=mod", "OPENIM_FOO", "bar", "OPENIM_", "empty-suffix"), result);
    }

    @Test
    void configuredEnvOverridesPassedVariables() {
        env.put("GOFLAGS", "-mod=mod");
        env.put("GOPROXY", "https://proxy.golang.org");
        containerEnv.put("GOFLAGS", "-mod=vendor");
        containerEnv.put("EXTRA", "1");

        Map<String, String> result = config().buildPlan().environment();
        assertEquals(Map.of("GOFLAGS", "-mod=vendor", "GOPROXY", "https://proxy.golang.org", "EXTRA", "1"), result);
    }

    @Test
    void passEnvCanBeConfigured() {
        env.put("GOFLAGS", "-mod=mod");
        env.put("CI", "true");
        env.put("MY_A", "a");
        env.put("MY_B", "b");
        pom.put(Setting.PASS_ENV, List.of("CI", "MY_*"));

        assertEquals(
                Map.of("CI", "true", "MY_A", "a", "MY_B", "b"),
                config().buildPlan().environment());
    }

    // ---- output sub-path ------------------------------------------------------------------

    @Test
    void outputSubpathDefaultsAndIsNormalised() {
        assertEquals("_output/dockerized", config().outputSubpath());
        props.setProperty("openim.output.subpath", "/out/bin/");
        assertEquals("out/bin", config().outputSubpath());
        props.setProperty("openim.output.subpath", "out\\win");
        assertEquals("out/win", config().outputSubpath());
    }

    @Test
    void outputSubpathRejectsParentReferences() {
        for (String bad : List.of("..", "../elsewhere", "_output/../../etc", "a/..")) {
            props.setProperty("openim.output.subpath", bad);
            OpenImException e = assertThrows(OpenImException.class, () -> config().outputSubpath(), bad);
            assertTrue(e.getMessage().contains("outputSubpath"), e.getMessage());
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void outputSubpathRejectsAnEmptyPath() {
        props.setProperty("openim.output.subpath", "/");
        OpenImException e = assertThrows(OpenImException.class, () -> config().outputSubpath());
        assertTrue(e.getMessage().contains("outputSubpath"), e.getMessage());
    }

    @Test
    void aBlankOutputSubpathPropertyFallsBackToTheDefault() {
        props.setProperty("openim.output.subpath", "");
        assertEquals("_output/dockerized", config().outputSubpath());
    }

    // ---- build user -----------------------------------------------------------------------

    @Test
    void theBuildUserIsParsedOnceHereAndUnsetLeavesTheChoiceToTheRun() {
        assertNull(config().buildPlan().configuredUser());
        props.setProperty("openim.build.user", "2345:2346");
        assertEquals(BuildUser.numeric(2345, 2346), config().buildPlan().configuredUser());
        props.setProperty("openim.build.user", "builder");
        assertEquals(new BuildUser("builder", null), config().buildPlan().configuredUser());
    }

    @Test
    void aBuildUserThatIsNeitherNumbersNorNamesIsRefusedNamingTheSetting() {
        props.setProperty("openim.build.user", "1000:1000:1000");
        OpenImException e = assertThrows(OpenImException.class, () -> config().buildPlan());
        assertTrue(
                e.getMessage()
                        .startsWith("Setting 'buildUser' (-Dopenim.build.user, OPENIM_BUILD_USER) is"
                                + " '1000:1000:1000': "),
                e.getMessage());
        assertTrue(e.getMessage().contains("Use uid:gid numbers, e.g. 1000:1000"), e.getMessage());
    }

    // ---- remote root ----------------------------------------------------------------------

    @Test
    void remoteRootMustBeAbsolute() {
        pom.put(Setting.REMOTE_ROOT, "workspace");
        OpenImException e = assertThrows(
                OpenImException.class, () -> config().buildPlan().layout().remoteRoot());
        assertTrue(e.getMessage().contains("remoteRoot"), e.getMessage());
        assertTrue(e.getMessage().contains("'workspace'"), e.getMessage());
    }

    @Test
    void remoteRootLosesATrailingSlashButRootStaysRoot() {
        assertEquals("/workspace", config().buildPlan().layout().remoteRoot());
        pom.put(Setting.REMOTE_ROOT, "/go/src/openim/");
        assertEquals("/go/src/openim", config().buildPlan().layout().remoteRoot());
        pom.put(Setting.REMOTE_ROOT, "/");
        assertEquals("/", config().buildPlan().layout().remoteRoot());
    }

    @Test
    void aBlankRemoteRootPropertyFallsBackToTheDefault() {
        props.setProperty("openim.remote.root", " ");
        assertEquals("/workspace", config().buildPlan().layout().remoteRoot());
    }

    // ---- paths and others -----------------------------------------------------------------

    @Test
    void pathsAreRelativeToTheProjectRoot() {
        assertEquals(root.resolve("_output"), config().outDir());
        assertEquals(
                root.resolve("build/build-image/Dockerfile"),
                config().buildImageRequest().dockerfile());
        props.setProperty("openim.out.dir", "/abs/out");
        props.setProperty("openim.allow.external.out.dir", "true");
        assertEquals(Path.of("/abs/out"), config().outDir());
    }

    @Test
    void outDirOutsideTheCheckoutIsRefusedUnlessAllowed() {
        for (String outside : List.of("../elsewhere", "/abs/out")) {
            props.setProperty("openim.out.dir", outside);
            OpenImException e =
                    assertThrows(OpenImException.class, () -> config(Goal.CLEAN).outDir(), outside);
            assertTrue(e.getMessage().contains("'outDir' (-Dopenim.out.dir"), e.getMessage());
            assertTrue(
                    e.getMessage().contains("'allowExternalOutDir' (-Dopenim.allow.external.out.dir=true"),
                    e.getMessage());
        }
    }

    @Test
    void outDirThatIsOrHoldsTheCheckoutIsAlwaysRefused() {
        props.setProperty("openim.allow.external.out.dir", "true");
        for (String bad : List.of(".", "sub/..", "..", root.getRoot().toString())) {
            props.setProperty("openim.out.dir", bad);
            OpenImException e =
                    assertThrows(OpenImException.class, () -> config(Goal.CLEAN).outDir(), bad);
            assertTrue(e.getMessage().contains("checkout"), e.getMessage());
        }
    }

    @Test
    void aSymbolicLinkOnTheWayToAWrittenPlaceIsRefusedUnlessAllowed() throws IOException {
        Path elsewhere = Files.createDirectories(root.resolveSibling(root.getFileName() + "-elsewhere"));
        Files.createSymbolicLink(root.resolve("_output"), elsewhere);
        OpenImException e =
                assertThrows(OpenImException.class, () -> config(Goal.CLEAN).outDir());
        assertTrue(e.getMessage().contains("symbolic link (to " + elsewhere + ")"), e.getMessage());

        props.setProperty("openim.out.dir", "out");
        props.setProperty("openim.output.subpath", "_output/dockerized");
        e = assertThrows(OpenImException.class, () -> config().outputSubpath());
        assertTrue(e.getMessage().contains("'outputSubpath'"), e.getMessage());

        props.setProperty("openim.context.directory", "_output/ctx");
        e = assertThrows(OpenImException.class, () -> config().buildImageRequest());
        assertTrue(e.getMessage().contains("'contextDirectory'"), e.getMessage());

        props.setProperty("openim.allow.external.out.dir", "true");
        assertEquals("_output/dockerized", config().outputSubpath());
    }

    @Test
    void buildImageRequestDefaultsTheContextDirectoryUnderOutDir() {
        pom.put(Setting.CROSS_IMAGE, "golang");
        pom.put(Setting.CONTEXT_FILES, List.of("build/build-image/Dockerfile.extra"));
        var request = config().buildImageRequest();
        assertEquals(root.resolve("_output/images/build-image"), request.contextDirectory());
        assertEquals(List.of(root.resolve("build/build-image/Dockerfile.extra")), request.contextFiles());
        assertEquals("golang", request.crossImage());
    }

    @Test
    void cacheVolumesMustBeAbsolute() {
        pom.put(Setting.CACHE_VOLUMES, List.of("/go", "cache"));
        OpenImException e = assertThrows(
                OpenImException.class, () -> config().buildPlan().layout().cacheVolumes());
        assertTrue(e.getMessage().contains("'cache'"), e.getMessage());
    }

    @Test
    void rsyncPortIsRangeChecked() {
        props.setProperty("openim.rsync.port", "65536");
        assertThrows(OpenImException.class, () -> config().buildPlan());
        props.setProperty("openim.rsync.port", "8730");
        assertEquals(8730, config().buildPlan().rsyncPort());
    }

    @Test
    void commandIsRequiredForRun() {
        OpenImException e =
                assertThrows(OpenImException.class, () -> config(Goal.RUN).command());
        assertTrue(e.getMessage().contains("openim.command"), e.getMessage());
        pom.put(Setting.COMMAND, "make test");
        assertEquals("make test", config(Goal.RUN).command());
    }

    @Test
    void aGoalCannotReadASettingItDoesNotDeclare() {
        assertThrows(IllegalStateException.class, () -> config(Goal.CLEAN).buildPlan());
        assertThrows(IllegalStateException.class, () -> config(Goal.SYNC).buildCommand());
    }

    @Test
    void syncNeverSendsOrDeletesTheResultsOrARelocatedOutputDirectory() {
        props.setProperty("openim.out.dir", "build-out");
        props.setProperty("openim.output.subpath", "dist/bin");
        assertEquals(
                List.of("/build-out", "/dist/bin"),
                config(Goal.SYNC).buildPlan().syncIn().excludes());
    }

    @Test
    void syncAndCopyOutputRunNoCommandSoTheyGetNoCommandSettings() {
        var plan = config(Goal.SYNC).buildPlan();
        assertEquals(Map.of(), plan.environment());
        assertEquals(null, plan.network());
        assertFalse(plan.copyOutput());
    }

    @Test
    void releaseImagesCarryLabelsThatAreTheSameOnEveryMachine() {
        var request = config(Goal.IMAGE).releaseRequest(null);
        assertEquals(
                Map.of("io.openim.managed", "true", "io.openim.role", "release-image", "io.openim.project", "g:a"),
                request.imageLabels());
        assertTrue(request.engineLabels().containsKey("io.openim.hash"), "what the engine builds, clean finds");
        assertFalse(request.engineLabels().containsKey("io.openim.version"));
    }

    @Test
    void perPlatformBasesAndPlatformsAreChecked() {
        pom.put(Setting.RUNTIME_BASE_IMAGES, List.of("linux/arm64=base:arm64", "linux/arm/v7 = scratch"));
        props.setProperty("openim.build.platforms", "linux/amd64 linux/arm64");
        var request = config(Goal.IMAGE).releaseRequest(null);
        assertEquals("base:arm64", request.baseFor(Platform.parse("linux/arm64", Setting.BUILD_PLATFORMS)));
        assertEquals("scratch", request.baseFor(Platform.parse("linux/arm/v7", Setting.BUILD_PLATFORMS)));
        assertEquals("debian:bookworm-slim", request.baseFor(Platform.parse("linux/amd64", Setting.BUILD_PLATFORMS)));
        assertEquals(2, request.platforms().size());

        pom.put(Setting.RUNTIME_BASE_IMAGES, List.of("arm64:base"));
        OpenImException e =
                assertThrows(OpenImException.class, () -> config(Goal.IMAGE).releaseRequest(null));
        assertTrue(e.getMessage().contains("is not PLATFORM=IMAGE"), e.getMessage());
        pom.remove(Setting.RUNTIME_BASE_IMAGES);
        props.setProperty("openim.build.platforms", "linux/amd64,linux/x86_64");
        e = assertThrows(OpenImException.class, () -> config(Goal.IMAGE).releaseRequest(null));
        assertTrue(e.getMessage().contains("'linux/x86_64' in 'buildPlatforms'"), e.getMessage());
    }

    @Test
    void theCreationTimeIsSourceDateEpochElseTheCommitElseTheEpoch() {
        assertEquals(java.time.Instant.EPOCH, config(Goal.IMAGE).creationTime(), "no git here");
        env.put("SOURCE_DATE_EPOCH", "1700000000");
        assertEquals(
                java.time.Instant.ofEpochSecond(1_700_000_000L),
                config(Goal.IMAGE).creationTime());
        env.put("SOURCE_DATE_EPOCH", "yesterday");
        OpenImException e =
                assertThrows(OpenImException.class, () -> config(Goal.IMAGE).creationTime());
        assertTrue(e.getMessage().contains("SOURCE_DATE_EPOCH is 'yesterday'"), e.getMessage());
    }

    // ---- what release images say of themselves ---------------------------------------------

    private void git(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(
                List.of("git", "-C", root.toString(), "-c", "user.name=t", "-c", "user.email=t@localhost"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), out);
    }

    @Test
    void theOciLabelsComeFromThePomAndTheCheckoutAndNothingIsInvented() throws Exception {
        var metadata = config(Goal.IMAGE).releaseRequest(null).metadata();
        assertEquals(Map.of("org.opencontainers.image.version", "1.0"), metadata.labels(), "no git, no POM facts");
        assertEquals("openim-maven-plugin", metadata.tool());
        assertEquals(null, metadata.user());

        git("init", "-q");
        Files.writeString(root.resolve("f"), "x");
        git("add", "f");
        git("commit", "-q", "-m", "one", "--date=@1700000000");
        facts = new ProjectFacts(
                root,
                "g",
                "a",
                "1.0+b.7",
                "https://example.com/site",
                "https://github.com/example/server",
                "  A server,\n   in Go. ",
                List.of(
                        new ProjectFacts.License("The Apache Software License, Version 2.0", null),
                        new ProjectFacts.License("MIT", "https://opensource.org/licenses/MIT")));
        var request = config(Goal.IMAGE).releaseRequest("2.0.0");
        metadata = request.metadata();
        String head = new String(new ProcessBuilder("git", "-C", root.toString(), "rev-parse", "HEAD")
                        .start()
                        .getInputStream()
                        .readAllBytes())
                .trim();
        assertEquals("https://github.com/example/server", metadata.labels().get("org.opencontainers.image.source"));
        assertEquals(head, metadata.labels().get("org.opencontainers.image.revision"));
        assertEquals("1.0_b.7", metadata.labels().get("org.opencontainers.image.version"));
        assertEquals(request.created().toString(), metadata.labels().get("org.opencontainers.image.created"));
        assertEquals("Apache-2.0 OR MIT", metadata.labels().get("org.opencontainers.image.licenses"));
        assertEquals("A server, in Go.", metadata.labels().get("org.opencontainers.image.description"));
        assertEquals("https://example.com/site", metadata.homepage());
        assertEquals("openim-maven-plugin-2.0.0", metadata.tool());
        assertEquals("Apache-2.0 OR MIT", metadata.sbomLicenses());

        // A license without a known identifier: left out, and the log says why.
        facts = new ProjectFacts(
                root,
                "g",
                "a",
                "1",
                "https://example.com/site",
                null,
                null,
                List.of(new ProjectFacts.License("Apache-2.0", null), new ProjectFacts.License("Our own terms", null)));
        pom.put(
                Setting.LABELS,
                new java.util.HashMap<>(
                        Map.of("org.opencontainers.image.vendor", "Example", "org.opencontainers.image.version", "")));
        metadata = config(Goal.IMAGE).releaseRequest(null).metadata();
        assertEquals("https://example.com/site", metadata.labels().get("org.opencontainers.image.source"));
        assertFalse(metadata.labels().containsKey("org.opencontainers.image.licenses"));
        assertTrue(
                metadata.notes().get(0).contains("'Our own terms' has no SPDX identifier"),
                metadata.notes().toString());
        assertEquals(
                Map.of("org.opencontainers.image.vendor", "Example", "org.opencontainers.image.version", ""),
                metadata.overrides());
    }

    @Test
    void thePomsLabelsMayNotTouchThePluginsOwn() {
        pom.put(Setting.LABELS, Map.of("io.openim.managed", "false"));
        OpenImException e =
                assertThrows(OpenImException.class, () -> config(Goal.IMAGE).releaseRequest(null));
        assertTrue(
                e.getMessage().contains("The label 'io.openim.managed' in <labels> in the POM is not allowed"),
                e.getMessage());
    }

    @Test
    void theImageUserIsCheckedAndANameIsRefusedOnScratch() {
        props.setProperty("openim.image.user", "65532:65532");
        assertEquals(
                "65532:65532",
                config(Goal.IMAGE).releaseRequest(null).metadata().user());
        props.setProperty("openim.image.user", "nobody");
        assertEquals(
                "nobody", config(Goal.IMAGE).releaseRequest(null).metadata().user());
        props.setProperty("openim.base.images", "linux/arm64=scratch");
        OpenImException e =
                assertThrows(OpenImException.class, () -> config(Goal.IMAGE).releaseRequest(null));
        assertTrue(e.getMessage().contains("'nobody', a name, but the base of linux/arm64 is scratch"), e.getMessage());
        props.setProperty("openim.image.user", "1000:1000");
        assertEquals(
                "1000:1000", config(Goal.IMAGE).releaseRequest(null).metadata().user());
        props.setProperty("openim.image.user", "root:wheel:x");
        e = assertThrows(OpenImException.class, () -> config(Goal.IMAGE).releaseRequest(null));
        assertTrue(
                e.getMessage()
                        .startsWith("Setting 'imageUser' (-Dopenim.image.user, OPENIM_IMAGE_USER) is"
                                + " 'root:wheel:x'; it must be USER or USER:GROUP"),
                e.getMessage());
    }
}
