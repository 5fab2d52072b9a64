package io.openim.maven.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openim.maven.BuildFailedException;
import io.openim.maven.OpenImException;
import io.openim.maven.docker.ContainerSpec;
import io.openim.maven.docker.EngineException;
import io.openim.maven.docker.FakeDockerEngine;
import io.openim.maven.naming.BuildIdentity;
import io.openim.maven.naming.Role;
import io.openim.maven.process.BuildUser;
import io.openim.maven.process.ShutdownCleanup;
import io.openim.maven.util.RecordingConsole;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildContainerTest {

    private static final BuildIdentity IDENTITY = new BuildIdentity("0123456789", "1", "g:a");
    private final FakeDockerEngine engine = new FakeDockerEngine();
    private final RecordingConsole console = new RecordingConsole();

    private BuildContainer.Options options(String network) {
        return new BuildContainer.Options(
                IDENTITY,
                IDENTITY.buildImage(),
                BuildUser.parse("1000:1000"),
                "/workspace",
                Map.of(),
                network,
                BuildContainer.Mounts.dataContainer(IDENTITY));
    }

    @Test
    void aContainerCreatedAheadIsTheOneThatRuns() {
        try (ShutdownCleanup cleanup = new ShutdownCleanup(console)) {
            BuildContainer container = new BuildContainer(engine, cleanup, console);
            container.createAhead(options("none"), "make build");
            container.run(options("none"), "make build");
            container.awaitRemoval();
        }
        assertEquals(1, engine.createdSpecs.size(), "created once, ahead, not again when run");
        assertEquals(engine.startedContainers, engine.removedContainers);
        assertEquals(List.of(), engine.containers(), "removed after the run");
    }

    @Test
    void aContainerStartedAheadWaitsAtItsGateUntilItRuns() throws Exception {
        engine.withContainerRun(0, List.of("built"));
        try (ShutdownCleanup cleanup = new ShutdownCleanup(console)) {
            BuildContainer container = new BuildContainer(engine, cleanup, console);
            container.createAhead(options("none"), "make build");
            container.run(options("none"), "make build");
            container.awaitRemoval();
        }
        ContainerSpec spec = engine.createdSpecs.get(0);
        assertTrue(spec.openStdin());
        assertEquals(List.of("/bin/sh", "-c"), spec.entrypoint());
        assertEquals(List.of(BuildContainer.GATED, "openim-build", "make build"), spec.command());
        assertEquals(Map.of(IDENTITY.buildContainer(), "\n"), engine.stdinGiven, "one line: the sources are in");
        assertTrue(String.join("\n", console.infos).contains("built"), console.infos.toString());
    }

    @Test
    void theGateRunsTheCommandWithoutStdinAndEndsWithoutTheWord() throws Exception {
        // The script itself, in a real shell: the word runs the command with no stdin; no word, no command.
        ProcessBuilder withWord = new ProcessBuilder(
                "/bin/sh", "-c", BuildContainer.GATED, "openim-build", "echo ran; cat; echo stdin-empty");
        Process run = withWord.start();
        run.getOutputStream().write("\nmore input the command must not see\n".getBytes());
        run.getOutputStream().close();
        assertEquals(0, run.waitFor());
        assertEquals("ran\nstdin-empty\n", new String(run.getInputStream().readAllBytes()));
        Process never = new ProcessBuilder("/bin/sh", "-c", BuildContainer.GATED, "openim-build", "echo ran").start();
        never.getOutputStream().close();
        assertEquals(125, never.waitFor());
        assertEquals("", new String(never.getInputStream().readAllBytes()));
    }

    @Test
    void aContainerStartedAheadButNotRunIsRemovedWithoutRunningTheCommand() throws Exception {
        try (ShutdownCleanup cleanup = new ShutdownCleanup(console)) {
            BuildContainer container = new BuildContainer(engine, cleanup, console);
            container.createAhead(options("none"), "make build");
            container.discardAhead();
        }
        assertEquals(1, engine.createdSpecs.size());
        assertEquals(List.of(), engine.containers(), "the sync failed, say: the container made for it goes");
        assertEquals(-1, engine.stdins.get(IDENTITY.buildContainer()).read(), "its gate ends without the word");
    }

    @Test
    void aStartThatFailsAheadIsReportedByTheRunInItsWordsAndLeavesNothing() {
        engine.failStarts(
                "unable to find user 1000: no matching entries in passwd file", EngineException.Reason.UNKNOWN_USER);
        try (ShutdownCleanup cleanup = new ShutdownCleanup(console)) {
            BuildContainer container = new BuildContainer(engine, cleanup, console);
            container.createAhead(options("none"), "make build");
            OpenImException e = assertThrows(OpenImException.class, () -> container.run(options("none"), "make build"));
            assertTrue(e.getMessage().contains("does not know the user '1000:1000'"), e.getMessage());
        }
        assertEquals(List.of(), engine.containers());
    }

    @Test
    void aContainerCreatedAheadForAnotherCommandIsReplaced() {
        try (ShutdownCleanup cleanup = new ShutdownCleanup(console)) {
            BuildContainer container = new BuildContainer(engine, cleanup, console);
            container.createAhead(options("none"), "make build");
            container.run(options("none"), "make test");
            container.awaitRemoval();
        }
        assertEquals(2, engine.createdSpecs.size());
        assertEquals(List.of("make test"), engine.createdSpecs.get(1).command());
        assertEquals(2, engine.startedContainers.size(), "the one started ahead, and the one that ran");
        assertEquals(List.of(), engine.containers());
    }

    @Test
    void aFailedCreateAheadIsReportedByTheRun() {
        engine.failCreateWith(new EngineException("no space left on device", EngineException.Reason.OTHER));
        try (ShutdownCleanup cleanup = new ShutdownCleanup(console)) {
            BuildContainer container = new BuildContainer(engine, cleanup, console);
            container.createAhead(options("none"), "make build");
            EngineException e = assertThrows(EngineException.class, () -> container.run(options("none"), "make build"));
            assertTrue(e.getMessage().contains("no space left on device"), e.getMessage());
        }
        assertEquals(List.of(), engine.startedContainers);
    }

    @Test
    void theBindTransportMountsTheCheckoutAndTheCacheVolumesNotTheDataContainer() {
        java.nio.file.Path checkout = java.nio.file.Path.of("/home/me/openim");
        BuildContainer.Options bind = new BuildContainer.Options(
                IDENTITY,
                IDENTITY.buildImage(),
                BuildUser.parse("1000:1000"),
                "/workspace",
                Map.of(),
                "none",
                BuildContainer.Mounts.checkout(
                        checkout, new DataContainer.Layout("/workspace", List.of("/cache", "/go")), IDENTITY));
        try (ShutdownCleanup cleanup = new ShutdownCleanup(console)) {
            new BuildContainer(engine, cleanup, console).run(bind, "make build");
        }
        ContainerSpec spec = engine.createdSpecs.get(0);
        assertEquals(Map.of("/home/me/openim", "/workspace"), spec.bindMounts());
        assertEquals(Map.of(IDENTITY.dataVolume(1), "/cache", IDENTITY.dataVolume(2), "/go"), spec.volumeMounts());
        assertEquals(List.of(), spec.volumesFrom(), "the data container's source volume would hide the checkout");
    }

    @Test
    void aCheckoutTheEngineCannotSeeIsNamedWithTheFix() {
        engine.failCreateWith(new EngineException(
                "invalid mount config for type \"bind\": bind source path does not exist: /home/me/openim",
                EngineException.Reason.OTHER));
        BuildContainer.Options bind = new BuildContainer.Options(
                IDENTITY,
                IDENTITY.buildImage(),
                null,
                "/workspace",
                Map.of(),
                "none",
                BuildContainer.Mounts.checkout(
                        java.nio.file.Path.of("/home/me/openim"),
                        new DataContainer.Layout("/workspace", List.of("/cache")),
                        IDENTITY));
        try (ShutdownCleanup cleanup = new ShutdownCleanup(console)) {
            OpenImException e = assertThrows(
                    OpenImException.class, () -> new BuildContainer(engine, cleanup, console).run(bind, "make"));
            assertTrue(e.getMessage().contains("The engine cannot see /home/me/openim"), e.getMessage());
            assertTrue(e.getMessage().contains("-Dopenim.sync.transport=port"), e.getMessage());
        }
    }

    private RuntimeException failure(String network) {
        try (ShutdownCleanup cleanup = new ShutdownCleanup(console)) {
            return assertThrows(
                    RuntimeException.class,
                    () -> new BuildContainer(engine, cleanup, console).run(options(network), "make build"));
        }
    }

    @Test
    void aKilledContainerSaysSoWithoutTheNetworkHintAndWithNoEmptyLastLines() {
        engine.withContainerRun(137, List.of());
        BuildFailedException e = (BuildFailedException) failure("none");
        assertTrue(
                e.getMessage().contains("exit code 137 (killed: out of memory, or stopped with docker kill)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Last lines: (no output)"), e.getMessage());
        assertFalse(e.getMessage().contains("no network"), e.getMessage());
        assertTrue(engine.containers().isEmpty(), "the container is removed");
    }

    @Test
    void theNetworkHintComesOnlyWhenTheOutputWantedTheNetwork() {
        engine.withContainerRun(1, List.of("go: github.com/x/y: dial tcp: lookup proxy.golang.org: no such host"));
        assertTrue(failure("none").getMessage().contains("Vendor the dependencies, or set 'buildNetwork'"));
        engine.withContainerRun(1, List.of("compile error"));
        assertFalse(failure("none").getMessage().contains("buildNetwork"));
        engine.withContainerRun(1, List.of("dial tcp: no such host"));
        assertFalse(failure("bridge").getMessage().contains("Vendor"), "a network was given");
    }

    @Test
    void startFailuresNameTheSettingThatCausedThem() {
        engine.failStarts("network nonexistent not found", EngineException.Reason.NETWORK_MISSING);
        OpenImException network = (OpenImException) failure("nonexistent");
        assertTrue(network.getMessage().contains("cannot join the network 'nonexistent'"), network.getMessage());
        assertTrue(network.getMessage().contains("'buildNetwork' (-Dopenim.build.network"), network.getMessage());

        engine.failStarts("unable to find user x", EngineException.Reason.UNKNOWN_USER);
        assertTrue(failure("none").getMessage().contains("Fix 'buildUser' (-Dopenim.build.user"));
        assertTrue(engine.containers().isEmpty(), "a container that never started is removed too");
    }

    @Test
    void aStaleContainerOfTheSameNameIsRemovedAndNamed() {
        engine.addContainer("stale", IDENTITY.buildContainer(), IDENTITY.labels(Role.BUILD), "running", 0);
        engine.withContainerRun(0, List.of("ok"));
        try (ShutdownCleanup cleanup = new ShutdownCleanup(console)) {
            new BuildContainer(engine, cleanup, console).run(options("none"), "true");
        }
        assertEquals("stale", engine.removedContainers.get(0));
        assertTrue(console.warnings.get(0).contains("Removed the container " + IDENTITY.buildContainer()));
    }

    @Test
    void theShellUsesTheImagesShellWhenItSetsOne() {
        engine.addImage("img", List.of(IDENTITY.buildImage()), Map.of());
        try (ShutdownCleanup cleanup = new ShutdownCleanup(console)) {
            new BuildContainer(engine, cleanup, console).shell(options("none"));
        }
        var spec = engine.createdSpecs.get(0);
        assertTrue(spec.tty() && spec.openStdin());
        assertEquals(List.of("/bin/sh", "-c"), spec.entrypoint(), "no SHELL: bash where it exists, else sh");
        assertTrue(spec.command().get(0).contains("exec bash || exec sh"));
        assertEquals(1, engine.attachedContainers.size());
        assertTrue(engine.containers().isEmpty());
    }
}
