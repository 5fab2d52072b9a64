package io.openim.maven.run;

import io.openim.maven.buildimage.BuildImageService;
import io.openim.maven.config.PluginConfiguration;
import io.openim.maven.config.Setting;
import io.openim.maven.docker.DockerEngine;
import io.openim.maven.naming.BuildIdentity;
import io.openim.maven.sync.RsyncClient;
import io.openim.maven.sync.RsyncDaemon;
import io.openim.maven.sync.RsyncEndpoint;
import io.openim.maven.sync.TransferStats;
import io.openim.maven.util.Console;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps of "Building OpenIM" for one goal execution: build image, data container, sync in,
 * command in the build container, copy out. Each goal calls the steps it needs; the rsync
 * container is started on first use, shared by both directions and removed by {@link #close()}.
 */
public final class DockerizedBuild implements AutoCloseable {

    private final DockerEngine engine;
    private final PluginConfiguration config;
    private final Console console;
    private final InterruptCleanup cleanup;
    private final RsyncDaemon rsyncDaemon;
    private final RsyncClient rsyncClient;
    private final StepTimer timer = new StepTimer();
    private String buildUser;

    public DockerizedBuild(DockerEngine engine, PluginConfiguration config, Console console) {
        this.engine = engine;
        this.config = config;
        this.console = console;
        this.cleanup = new InterruptCleanup(engine, console);
        this.rsyncDaemon = new RsyncDaemon(engine, cleanup, console);
        this.rsyncClient = new RsyncClient(console, cleanup);
    }

    public BuildIdentity identity() {
        return config.identity();
    }

    public BuildImageService.Result buildImage() {
        return timer.time("build-image",
                () -> new BuildImageService(engine, console).ensure(config.buildImageRequest()));
    }

    public void dataContainer() {
        timer.time("data-container", () -> new DataContainer(engine, console).ensure(identity(),
                identity().buildImage(), config.remoteRoot(), config.cacheVolumes(), buildUser()));
    }

    /** Build image and data container: what every step inside the container needs first. */
    public void prepare() {
        buildImage();
        dataContainer();
    }

    /** The whole loop of {@code openim:build} and {@code openim:run}: copy-out unless switched off. */
    public void runWithFreshSources(String command) {
        prepare();
        syncIn();
        run(command);
        if (config.copyOutput()) {
            copyOut();
        }
    }

    public TransferStats syncIn() {
        return timer.time("sync-in", () -> {
            RsyncEndpoint endpoint = rsync();
            List<String> excludes = new ArrayList<>(config.list(Setting.SYNC_EXCLUDES));
            Path outDir = config.outDir();
            Path root = config.projectRoot();
            if (outDir.startsWith(root) && !outDir.equals(root)) {
                // A relocated output directory must not travel or be deleted remotely either.
                excludes.add("/" + root.relativize(outDir).toString().replace('\\', '/') + "/");
            }
            return rsyncClient.syncIn(endpoint, new RsyncClient.SyncInOptions(root, excludes,
                    config.bool(Setting.SYNC_GIT), config.rsyncCompress()));
        });
    }

    public void run(String command) {
        timer.time("command", () -> new BuildContainerRunner(engine, cleanup, console).run(buildOptions(), command));
    }

    public TransferStats copyOut() {
        return timer.time("copy-out",
                () -> rsyncClient.copyOut(rsync(), config.projectRoot(), config.outputSubpath()));
    }

    public BuildContainerRunner.Options buildOptions() {
        return new BuildContainerRunner.Options(identity(), identity().buildImage(), buildUser(), config.remoteRoot(),
                config.buildEnvironment(), config.buildNetwork());
    }

    private RsyncEndpoint rsync() {
        return rsyncDaemon.start(new RsyncDaemon.Options(identity(), config.rsyncImage(), buildUser(),
                config.remoteRoot(), config.rsyncPort()));
    }

    private String buildUser() {
        if (buildUser == null) {
            String hostUser = HostUser.current();
            // Root on the host is root in the container either way; skip the slow /info call.
            boolean rootless = !"0:0".equals(hostUser) && engine.rootless();
            buildUser = config.buildUser(rootless, hostUser);
        }
        return buildUser;
    }

    @Override
    public void close() {
        try {
            rsyncDaemon.close();
        } finally {
            cleanup.close();
            if (!timer.isEmpty()) {
                console.info("openim timings: " + timer.summary());
            }
        }
    }
}
