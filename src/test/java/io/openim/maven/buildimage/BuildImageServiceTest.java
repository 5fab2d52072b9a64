package io.openim.maven.buildimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openim.maven.BuildFailedException;
import io.openim.maven.docker.EngineBuildException;
import io.openim.maven.docker.EngineException;
import io.openim.maven.docker.FakeDockerEngine;
import io.openim.maven.docker.ImageBuildRequest;
import io.openim.maven.naming.BuildIdentity;
import io.openim.maven.naming.Role;
import io.openim.maven.pipeline.BuildImageStep;
import io.openim.maven.process.OutputDirectory;
import io.openim.maven.util.RecordingConsole;
import io.openim.maven.util.TarReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildImageServiceTest {

    private static final String HASH = "aaaaaaaaaa";
    private static final String OTHER_HASH = "bbbbbbbbbb";

    @TempDir
    Path temp;

    private final FakeDockerEngine engine = new FakeDockerEngine();
    private final RecordingConsole console = new RecordingConsole();
    private final BuildIdentity identity = new BuildIdentity(HASH, "2", "io.openim:server");
    private Path dockerfile;

    @BeforeEach
    void createDockerfile() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("build/build-image"));
        dockerfile = Files.writeString(dir.resolve("Dockerfile"), "FROM OPENIM_BUILD_IMAGE_CROSS_TAG\n");
        Files.writeString(dir.resolve("rsyncd.sh"), "#!/bin/sh\n");
    }

    private BuildImageRequest request(boolean pull) {
        return new BuildImageRequest(
                identity,
                dockerfile,
                List.of(),
                temp.resolve("_output/images/build-image"),
                "golang",
                "1.21",
                Map.of("GOPROXY", "direct"),
                pull);
    }

    private BuildImageService service() {
        return new BuildImageService(
                engine, console, new OutputDirectory(dockerfile.getParent().resolve("_output")));
    }

    @Test
    void firstEnsureBuildsTheImageWithTagLabelsAndContext() {
        BuildImageService.Result result = service().ensure(request(true));

        assertTrue(result.built());
        assertEquals(1, engine.builtRequests.size());
        ImageBuildRequest built = engine.builtRequests.get(0);
        assertEquals(List.of("openim-build:build-aaaaaaaaaa-2"), built.tags());
        assertEquals(List.of(identity.buildImage()), built.tags());
        assertEquals(HASH, built.labels().get(BuildIdentity.LABEL_HASH));
        assertEquals("2", built.labels().get(BuildIdentity.LABEL_VERSION));
        assertEquals(Role.BUILD_IMAGE.label(), built.labels().get(BuildIdentity.LABEL_ROLE));
        String digest = built.labels().get(BuildImageService.LABEL_CONTEXT_DIGEST);
        assertTrue(digest != null && digest.matches("[0-9a-f]{64}"), String.valueOf(digest));
        assertEquals(Map.of("GOPROXY", "direct"), built.buildArgs());
        assertTrue(built.pull());

        List<String> names = TarReader.read(engine.buildContexts.get(0)).stream()
                .map(TarReader.Entry::name)
                .toList();
        assertEquals(List.of("Dockerfile", "rsyncd.sh"), names);
        assertTrue(Files.exists(temp.resolve("_output/images/build-image/Dockerfile")), "context written for users");
        assertEquals(
                result.imageId(),
                engine.inspectImage(identity.buildImage()).orElseThrow().id());
    }

    @Test
    void pullFlagIsPassedThrough() {
        service().ensure(request(false));
        assertFalse(engine.builtRequests.get(0).pull());
    }

    @Test
    void unchangedContextIsNotRebuilt() {
        BuildImageService.Result first = service().ensure(request(false));
        BuildImageService.Result second = service().ensure(request(false));

        assertFalse(second.built());
        assertEquals(first.imageId(), second.imageId());
        assertEquals(1, engine.builtRequests.size());
        assertEquals(List.of(), engine.removedImages);
    }

    @Test
    void changedFileRebuildsAndRemovesThePreviousImage() throws IOException {
        BuildImageService.Result first = service().ensure(request(false));
        Files.writeString(dockerfile.resolveSibling("rsyncd.sh"), "#!/bin/sh\nexec rsync --daemon\n");
        BuildImageService.Result second = service().ensure(request(false));

        assertTrue(second.built());
        assertNotEquals(first.imageId(), second.imageId());
        assertEquals(2, engine.builtRequests.size());
        assertNotEquals(
                engine.builtRequests.get(0).labels().get(BuildImageService.LABEL_CONTEXT_DIGEST),
                engine.builtRequests.get(1).labels().get(BuildImageService.LABEL_CONTEXT_DIGEST));
        assertTrue(engine.removedImages.contains(first.imageId()), engine.removedImages.toString());
        assertFalse(engine.hasImage(first.imageId()));
        assertTrue(engine.hasImage(second.imageId()));
    }

    @Test
    void imageWithoutDigestLabelIsRebuilt() {
        engine.addImage("handmade", List.of(identity.buildImage()), identity.labels(Role.BUILD_IMAGE));
        BuildImageService.Result result = service().ensure(request(false));
        assertTrue(result.built());
        assertTrue(engine.removedImages.contains("handmade"));
    }

    @Test
    void theBuildImageStepClearsOtherVersionsOfThisCheckoutOnly() {
        BuildIdentity oldVersion = new BuildIdentity(HASH, "1", "io.openim:server");
        BuildIdentity otherCheckout = new BuildIdentity(OTHER_HASH, "1", "io.openim:server");
        engine.addImage("old-image", List.of(oldVersion.buildImage()), oldVersion.labels(Role.BUILD_IMAGE));
        engine.addImage("other-image", List.of(otherCheckout.buildImage()), otherCheckout.labels(Role.BUILD_IMAGE));
        engine.addImage("base-image", List.of("golang:1.21"), Map.of());
        engine.addContainer("old-data", oldVersion.dataContainer(), oldVersion.labels(Role.DATA), false, 0);
        engine.addContainer("old-build", oldVersion.buildContainer(), oldVersion.labels(Role.BUILD), true, 0);
        engine.addContainer("other-data", otherCheckout.dataContainer(), otherCheckout.labels(Role.DATA), false, 0);
        engine.addContainer("same-data", identity.dataContainer(), identity.labels(Role.DATA), false, 0);
        engine.addVolume(oldVersion.dataVolume(0), oldVersion.labels(Role.DATA));
        engine.addVolume(otherCheckout.dataVolume(0), otherCheckout.labels(Role.DATA));
        engine.addVolume(identity.dataVolume(0), identity.labels(Role.DATA));
        engine.addImage("kept-release", List.of("openim/openim-api-amd64:1"), identity.labels(Role.RELEASE_IMAGE));

        BuildImageService.Result result = BuildImageStep.run(
                engine,
                request(false),
                console,
                new OutputDirectory(dockerfile.getParent().resolve("_output")));

        assertTrue(engine.hasImage("kept-release"), "release images belong to no build image version");

        assertFalse(engine.hasImage("old-image"));
        assertFalse(engine.hasContainer("old-data"));
        assertFalse(engine.hasContainer("old-build"));
        assertFalse(engine.hasVolume(oldVersion.dataVolume(0)));

        assertTrue(engine.hasImage("other-image"));
        assertTrue(engine.hasImage("base-image"));
        assertTrue(engine.hasImage(result.imageId()));
        assertTrue(engine.hasContainer("other-data"));
        assertTrue(engine.hasContainer("same-data"));
        assertTrue(engine.hasVolume(otherCheckout.dataVolume(0)));
        assertTrue(engine.hasVolume(identity.dataVolume(0)));
    }

    @Test
    void otherVersionsAreLeftAloneWhenNothingIsBuilt() {
        service().ensure(request(false));
        BuildIdentity oldVersion = new BuildIdentity(HASH, "1", "io.openim:server");
        engine.addContainer("old-data", oldVersion.dataContainer(), oldVersion.labels(Role.DATA), false, 0);

        assertFalse(service().ensure(request(false)).built());
        assertTrue(engine.hasContainer("old-data"));
    }

    @Test
    void failedBuildBecomesBuildFailedExceptionWithTheLastLines() {
        engine.failBuilds(
                "The command '/bin/sh -c make' returned a non-zero code: 2",
                List.of("Step 4/9 : RUN make", "make: *** [all] Error 2"));

        BuildFailedException e =
                assertThrows(BuildFailedException.class, () -> service().ensure(request(false)));
        String message = e.getMessage();
        assertTrue(message.contains("make: *** [all] Error 2"), message);
        assertTrue(message.contains("Step 4/9 : RUN make"), message);
        assertTrue(message.contains("returned a non-zero code: 2"), message);
        assertTrue(message.contains(identity.buildImage()), message);
        assertTrue(message.contains(dockerfile.toString()), message);
        assertTrue(engine.images().isEmpty());
    }

    @Test
    void theServiceAloneLeavesOtherVersionsToItsCaller() {
        BuildIdentity oldVersion = new BuildIdentity(HASH, "1", "io.openim:server");
        engine.addImage("old-image", List.of(oldVersion.buildImage()), oldVersion.labels(Role.BUILD_IMAGE));
        service().ensure(request(false));
        assertTrue(engine.hasImage("old-image"));
    }

    @Test
    void missingBaseImageWithoutPullGetsAHint() {
        engine.failBuilds(
                "pull access denied for golang, repository does not exist",
                EngineException.Reason.IMAGE_MISSING,
                List.of());
        BuildFailedException e =
                assertThrows(BuildFailedException.class, () -> service().ensure(request(false)));
        assertTrue(e.getMessage().contains("pullBaseImage"), e.getMessage());
    }

    @Test
    void missingBaseHintOnlyWhenPullIsOffAndTheEngineSaysTheImageIsMissing() {
        EngineBuildException missing =
                new EngineBuildException("manifest for x:1 not found", EngineException.Reason.IMAGE_MISSING, List.of());
        EngineBuildException failedStep =
                new EngineBuildException("returned a non-zero code: 2", EngineException.Reason.OTHER, List.of());
        assertTrue(BuildImageService.missingBaseHint(missing, false).contains("pullBaseImage"));
        assertEquals("", BuildImageService.missingBaseHint(missing, true));
        assertEquals("", BuildImageService.missingBaseHint(failedStep, false));
    }

    @Test
    void buildOutputReachesTheConsole() {
        service().ensure(request(false));
        assertTrue(console.infos.stream().anyMatch(l -> l.contains("Step 1/1 : FROM fake")), console.infos.toString());
    }
}
