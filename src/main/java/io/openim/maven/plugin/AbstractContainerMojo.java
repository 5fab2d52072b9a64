package io.openim.maven.plugin;

import io.openim.maven.config.GoalRequests;
import io.openim.maven.pipeline.DockerizedBuild;
import io.openim.maven.setting.PropertyNames;
import io.openim.maven.util.Console;
import java.util.List;
import java.util.function.Consumer;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The goals that work in the data, rsync and build containers: sync, copy-output, build, run and
 * shell. Each prepares the build image request and the build plan, then runs some of the steps.
 */
public abstract class AbstractContainerMojo extends AbstractBuildImageMojo {

    /** Source root inside the containers. Default {@code /workspace}. */
    @Parameter(property = PropertyNames.REMOTE_ROOT)
    protected String remoteRoot;

    /** Container paths kept in the data container between builds (caches). Default {@code /cache}. */
    @Parameter(property = PropertyNames.CACHE_VOLUMES)
    protected List<String> cacheVolumes;

    /** Image of the rsync container; it needs rsync. Default: the build image. */
    @Parameter(property = PropertyNames.RSYNC_IMAGE)
    protected String rsyncImage;

    /** Host port of the rsync container on 127.0.0.1. Default {@code 0}: the engine picks a free one. */
    @Parameter(property = PropertyNames.RSYNC_PORT)
    protected Integer rsyncPort;

    /** rsync compression level 0-9. Default {@code 0} (off; the transfer is local). */
    @Parameter(property = PropertyNames.RSYNC_COMPRESS)
    protected Integer rsyncCompress;

    /**
     * How rsync reaches the rsync container: {@code port} (a port the engine publishes on its
     * loopback, for an engine on this machine), {@code stream} (carried over the engine's API, no
     * port at all), or {@code auto}: {@code stream} when the engine is on another machine. Default
     * {@code auto}.
     */
    @Parameter(property = PropertyNames.SYNC_TRANSPORT)
    protected String syncTransport;

    /** rsync exclude patterns for sync in, e.g. {@code /docs/}. _output and _tmp are always excluded. */
    @Parameter(property = PropertyNames.SYNC_EXCLUDES)
    protected List<String> syncExcludes;

    /** Whether .git travels with the sources (build stamps read it). Default {@code true}. */
    @Parameter(property = PropertyNames.SYNC_GIT)
    protected Boolean syncGit;

    /** uid:gid of the build. Default: the host user's, or root on a rootless engine. */
    @Parameter(property = PropertyNames.BUILD_USER)
    protected String buildUser;

    /**
     * Directory of results, relative to the source root: copied out of the container, never synced
     * in. Default {@code _output/dockerized}.
     */
    @Parameter(property = PropertyNames.OUTPUT_SUBPATH)
    protected String outputSubpath;

    /** Prepares a pipeline for {@code steps}; all settings are checked here, before any side effect. */
    protected GoalWork pipeline(GoalRequests requests, Consumer<DockerizedBuild> steps) {
        var imageRequest = requests.buildImageRequest();
        var plan = requests.buildPlan();
        return context -> {
            try (DockerizedBuild build = new DockerizedBuild(
                    context.engine(), imageRequest, plan, context.console(), context.cleanup(), context.output())) {
                steps.accept(build);
            }
        };
    }

    @Override
    protected abstract GoalWork prepare(GoalRequests requests, Console console);
}
