package io.openim.maven.pipeline;

import io.openim.maven.OpenImException;
import io.openim.maven.buildimage.BuildImageRequest;
import io.openim.maven.buildimage.BuildImageService;
import io.openim.maven.containers.BuildContainer;
import io.openim.maven.containers.DataContainer;
import io.openim.maven.containers.RsyncContainer;
import io.openim.maven.containers.RsyncEndpoint;
import io.openim.maven.containers.SyncTransport;
import io.openim.maven.docker.DockerEngine;
import io.openim.maven.naming.BuildIdentity;
import io.openim.maven.process.BuildUser;
import io.openim.maven.process.HostUser;
import io.openim.maven.process.OutputDirectory;
import io.openim.maven.process.ShutdownCleanup;
import io.openim.maven.process.StepTimer;
import io.openim.maven.setting.Setting;
import io.openim.maven.sync.RsyncClient;
import io.openim.maven.sync.TransferStats;
import io.openim.maven.util.Console;
import java.util.function.Supplier;

/**
 * The steps of "Building OpenIM" for one goal execution: build image, data container, sync in,
 * command in the build container, copy out. Each goal calls the steps it needs; the rsync container
 * is started on first use, shared by both directions and removed by {@link #close()}.
 */
public final class DockerizedBuild implements AutoCloseable {

    private final DockerEngine engine;
    private final BuildImageRequest imageRequest;
    private final BuildPlan plan;
    private final Console console;
    private final ShutdownCleanup cleanup;
    private final RsyncContainer rsyncContainer;
    private final RsyncClient rsyncClient;
    private final BuildContainer buildContainer;
    private final StepTimer timer = new StepTimer();
    private final OutputDirectory output;
    private BuildUser buildUser;
    private SyncTransport transport;

    public DockerizedBuild(
            DockerEngine engine,
            BuildImageRequest imageRequest,
            BuildPlan plan,
            Console console,
            ShutdownCleanup cleanup,
            OutputDirectory output) {
        this.output = output;
        this.engine = engine;
        this.imageRequest = imageRequest;
        this.plan = plan;
        this.console = console;
        this.cleanup = cleanup;
        this.rsyncContainer = new RsyncContainer(engine, cleanup, console, plan.tempDirectory());
        this.rsyncClient = new RsyncClient(console, cleanup);
        this.buildContainer = new BuildContainer(engine, cleanup, console);
    }

    /** A timed step, named for the line a Ctrl-C prints. */
    private <T> T step(String timed, String described, Supplier<T> action) {
        cleanup.during(described);
        return timer.time(timed, action);
    }

    private BuildIdentity identity() {
        return plan.identity();
    }

    public BuildImageService.Result buildImage() {
        return step(
                "build-image", "the build image step", () -> BuildImageStep.run(engine, imageRequest, console, output));
    }

    public void dataContainer() {
        step("data-container", "the data container step", () -> {
            new DataContainer(engine, console).ensure(identity(), identity().buildImage(), plan.layout(), buildUser());
            // Made or found: from now on a stop leaves it on purpose.
            cleanup.keeps("the data container " + identity().dataContainer());
            return null;
        });
    }

    /**
     * Build image and data container: what every step inside the containers needs first. The
     * transport is decided (and a bind transport to an engine elsewhere refused) before either.
     */
    public void prepare() {
        transport();
        buildImage();
        dataContainer();
    }

    /** {@code syncTransport}, {@code auto} decided by the engine; refuses what cannot work here. */
    private SyncTransport transport() {
        if (transport == null) {
            SyncTransport resolved = plan.syncTransport().resolve(engine);
            if (resolved == SyncTransport.BIND && !engine.onThisMachine()) {
                throw new OpenImException(Setting.SYNC_TRANSPORT.describe("bind") + " mounts this checkout into the"
                        + " build container, and the engine at " + engine.host() + " is not on this machine, so it"
                        + " cannot see the checkout. Use " + Setting.SYNC_TRANSPORT.describe("stream")
                        + " (or auto) for an engine elsewhere.");
            }
            transport = resolved;
            if (resolved == SyncTransport.BIND) {
                console.info("The build container mounts " + plan.projectRoot() + " at "
                        + plan.layout().remoteRoot() + " (syncTransport=bind): nothing is copied in or out");
            }
        }
        return transport;
    }

    /** The loop of {@code openim:build} and {@code openim:run}: copy-out unless switched off. */
    public void runWithFreshSources(String command) {
        prepare();
        if (transport() != SyncTransport.BIND) {
            // Made while the sources travel; started once they are there.
            buildContainer.createAhead(buildOptions(), command);
        }
        syncIn();
        run(command);
        if (plan.copyOutput()) {
            copyOut();
        }
    }

    /** {@code openim:shell}: fresh sources, an interactive shell, then the results back. */
    public int shellWithFreshSources() {
        prepare();
        syncIn();
        int exit = step("shell", "the shell", () -> new BuildContainer(engine, cleanup, console).shell(buildOptions()));
        if (plan.copyOutput()) {
            copyOut();
        }
        return exit;
    }

    public TransferStats syncIn() {
        if (transport() == SyncTransport.BIND) {
            return TransferStats.NONE;
        }
        return step("sync-in", "sync in", () -> transfer("sync in", () -> rsyncClient.syncIn(rsync(), plan.syncIn())));
    }

    /** A transfer through the rsync container; a container that stopped under it is named as the cause. */
    private TransferStats transfer(String step, Supplier<TransferStats> action) {
        try {
            return action.get();
        } catch (OpenImException e) {
            throw rsyncContainer.explain(e, step);
        }
    }

    public void run(String command) {
        step("command", "`" + command + "` in the build container", () -> {
            buildContainer.run(buildOptions(), command);
            return null;
        });
    }

    public TransferStats copyOut() {
        if (transport() == SyncTransport.BIND) {
            return TransferStats.NONE;
        }
        return step(
                "copy-out",
                "copy out",
                () -> transfer(
                        "copy out",
                        () -> rsyncClient.copyOut(rsync(), plan.projectRoot(), plan.outputSubpath(), output)));
    }

    private BuildContainer.Options buildOptions() {
        return new BuildContainer.Options(
                identity(),
                identity().buildImage(),
                buildUser(),
                plan.layout().remoteRoot(),
                plan.environment(),
                plan.network(),
                transport() == SyncTransport.BIND
                        ? BuildContainer.Mounts.checkout(plan.projectRoot(), plan.layout(), identity())
                        : BuildContainer.Mounts.dataContainer(identity()));
    }

    private RsyncEndpoint rsync() {
        String image = plan.rsyncImage() == null ? identity().buildImage() : plan.rsyncImage();
        return rsyncContainer.start(new RsyncContainer.Options(
                identity(), image, buildUser(), plan.layout().remoteRoot(), plan.rsyncPort(), transport()));
    }

    private BuildUser buildUser() {
        if (buildUser == null) {
            buildUser = BuildUser.choose(plan.configuredUser(), HostUser.current(), engine::rootless);
        }
        return buildUser;
    }

    @Override
    public void close() {
        buildContainer.discardAhead();
        // The rsync container goes while the build container's removal, begun after the command,
        // finishes in the background.
        rsyncContainer.close();
        buildContainer.awaitRemoval();
        // After Ctrl-C the cleanup's line is the last word.
        if (!timer.isEmpty() && !cleanup.interrupted()) {
            console.info("openim timings: " + timer.summary());
        }
    }
}
