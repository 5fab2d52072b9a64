package io.openim.maven.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openim.maven.OpenImException;
import io.openim.maven.docker.ContainerSpec;
import io.openim.maven.docker.FakeDockerEngine;
import io.openim.maven.docker.VolumeInfo;
import io.openim.maven.naming.BuildIdentity;
import io.openim.maven.naming.Role;
import io.openim.maven.process.BuildUser;
import io.openim.maven.util.RecordingConsole;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataContainerTest {

    private static final BuildIdentity IDENTITY = new BuildIdentity("0123456789", "4", "g:a");
    private static final String IMAGE = IDENTITY.buildImage();

    private final FakeDockerEngine engine = new FakeDockerEngine();
    private final RecordingConsole console = new RecordingConsole();

    private void ensure(BuildUser user) {
        new DataContainer(engine, console)
                .ensure(IDENTITY, IMAGE, new DataContainer.Layout("/workspace", List.of("/cache", "/go/pkg")), user);
    }

    @Test
    void ownershipScriptChownsEveryPathForANonRootUser() {
        String script = DataContainer.ownershipScript(List.of("/workspace", "/cache"), BuildUser.parse("1000:1000"));
        assertEquals("set -e; mkdir -p '/workspace' '/cache'; chown -R '1000:1000' '/workspace' '/cache'", script);
    }

    @Test
    void ownershipScriptOnlyCreatesDirectoriesForRoot() {
        for (String root : List.of("0:0", "0", "root", "root:root")) {
            String script = DataContainer.ownershipScript(List.of("/workspace"), BuildUser.parse(root));
            assertEquals("set -e; mkdir -p '/workspace'", script, root);
            assertFalse(script.contains("chown"), root);
        }
        // A name is chowned as the image knows it; rsync and the build container use it the same way.
        assertEquals(
                "set -e; mkdir -p '/workspace'; chown -R 'builder:staff' '/workspace'",
                DataContainer.ownershipScript(List.of("/workspace"), BuildUser.parse("builder:staff")));
    }

    @Test
    void ownershipScriptQuotesPaths() {
        String script = DataContainer.ownershipScript(List.of("/it's here"), BuildUser.ROOT);
        assertEquals("set -e; mkdir -p '/it'\\''s here'", script);
    }

    @Test
    void newDataContainerGetsLabelledVolumesAndRunsAsRoot() {
        ensure(BuildUser.parse("1000:1000"));

        assertEquals(1, engine.createdSpecs.size());
        ContainerSpec spec = engine.createdSpecs.get(0);
        assertEquals(IDENTITY.dataContainer(), spec.name());
        assertEquals(IMAGE, spec.image());
        assertEquals("0:0", spec.user());
        assertEquals("none", spec.networkMode());
        assertEquals(List.of("/bin/sh", "-c"), spec.entrypoint());
        assertEquals(
                List.of(DataContainer.ownershipScript(
                        List.of("/workspace", "/cache", "/go/pkg"), BuildUser.parse("1000:1000"))),
                spec.command());
        assertEquals(
                Map.of(
                        IDENTITY.dataVolume(0),
                        "/workspace",
                        IDENTITY.dataVolume(1),
                        "/cache",
                        IDENTITY.dataVolume(2),
                        "/go/pkg"),
                spec.volumeMounts());
        assertEquals(Role.DATA.label(), spec.labels().get(BuildIdentity.LABEL_ROLE));

        assertEquals(
                List.of(IDENTITY.dataVolume(0), IDENTITY.dataVolume(1), IDENTITY.dataVolume(2)), engine.createdVolumes);
        for (VolumeInfo volume : engine.volumes()) {
            assertEquals(IDENTITY.labels(Role.DATA), volume.labels(), volume.name());
        }
        String id =
                engine.inspectContainer(IDENTITY.dataContainer()).orElseThrow().id();
        assertEquals(List.of(id), engine.startedContainers);
    }

    @Test
    void stoppedContainerThatExitedZeroIsReused() {
        engine.addContainer("existing", IDENTITY.dataContainer(), IDENTITY.labels(Role.DATA), false, 0);
        ensure(BuildUser.parse("1000:1000"));
        assertEquals(List.of(), engine.createdSpecs);
        assertEquals(List.of(), engine.removedContainers);
        assertEquals(List.of(), engine.startedContainers);
        assertTrue(engine.hasContainer("existing"));
    }

    @Test
    void containerThatFailedIsRemovedAndRecreated() {
        engine.addContainer("broken", IDENTITY.dataContainer(), IDENTITY.labels(Role.DATA), false, 1);
        ensure(BuildUser.parse("1000:1000"));
        assertEquals(List.of("broken"), engine.removedContainers);
        assertEquals(1, engine.createdSpecs.size());
        assertEquals(
                0,
                engine.inspectContainer(IDENTITY.dataContainer()).orElseThrow().exitCode());
        assertTrue(console.warnings.stream().anyMatch(w -> w.contains("exit code 1")), console.warnings.toString());
    }

    @Test
    void containerCreatedButNeverStartedIsRecreatedSoItsVolumesGetTheirOwner() {
        engine.addContainer("unstarted", IDENTITY.dataContainer(), IDENTITY.labels(Role.DATA), "created", 0);
        ensure(BuildUser.parse("1000:1000"));
        assertEquals(List.of("unstarted"), engine.removedContainers);
        assertEquals(1, engine.createdSpecs.size());
        assertTrue(console.warnings.stream().anyMatch(w -> w.contains("never started")), console.warnings.toString());
    }

    @Test
    void aStartThatFailsLeavesNoContainerToBeReusedLater() {
        engine.failStarts("OCI runtime create failed");
        assertThrows(OpenImException.class, () -> ensure(BuildUser.parse("1000:1000")));
        assertTrue(engine.inspectContainer(IDENTITY.dataContainer()).isEmpty());
    }

    @Test
    void runningContainerIsNotTrustedEither() {
        engine.addContainer("running", IDENTITY.dataContainer(), IDENTITY.labels(Role.DATA), true, 0);
        ensure(BuildUser.parse("1000:1000"));
        assertEquals(List.of("running"), engine.removedContainers);
        assertEquals(1, engine.createdSpecs.size());
    }

    @Test
    void failingOwnershipRunIsReportedWithItsOutputAndRemoved() {
        engine.withContainerRun(1, List.of("chown: /cache: Operation not permitted"));
        OpenImException e = assertThrows(OpenImException.class, () -> ensure(BuildUser.parse("1000:1000")));
        assertTrue(e.getMessage().contains("Operation not permitted"), e.getMessage());
        assertTrue(e.getMessage().contains("exit code 1"), e.getMessage());
        assertTrue(engine.inspectContainer(IDENTITY.dataContainer()).isEmpty(), "the failed container is removed");
    }

    @Test
    void aUserTheImageDoesNotKnowNamesTheSettingAndLeavesNoContainer() {
        engine.withContainerRun(1, List.of("chown: invalid user: 'nosuchuser'"));
        OpenImException e = assertThrows(OpenImException.class, () -> ensure(BuildUser.parse("nosuchuser")));
        assertEquals(
                "The build image " + IMAGE + " does not know the user 'nosuchuser'. Fix 'buildUser'"
                        + " (-Dopenim.build.user, OPENIM_BUILD_USER): use uid:gid numbers, e.g. 1000:1000, or a user"
                        + " and group the image defines.",
                e.getMessage());
        assertTrue(engine.inspectContainer(IDENTITY.dataContainer()).isEmpty(), "the failed container is removed");
    }
}
