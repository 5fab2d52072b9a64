package io.openim.maven.plugin;

import io.openim.maven.BuildFailedException;
import io.openim.maven.OpenImException;
import io.openim.maven.config.PluginConfiguration;
import io.openim.maven.config.ProjectFacts;
import io.openim.maven.config.Setting;
import io.openim.maven.config.SettingsResolver;
import io.openim.maven.docker.DockerEngine;
import io.openim.maven.docker.DockerJavaEngine;
import io.openim.maven.docker.EngineConnector;
import io.openim.maven.docker.EngineLocator;
import io.openim.maven.run.BuildLock;
import io.openim.maven.util.Console;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every goal shares: the parameters, their resolution (see {@link SettingsResolver} for
 * the precedence), the engine connection and the mapping of failures to Maven's exceptions.
 * Subclasses only say what their goal does.
 */
public abstract class AbstractOpenImMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    /** Skips the goal. Default false. */
    @Parameter(property = "openim.skip")
    protected Boolean skip;

    /**
     * The Docker engine to use, e.g. {@code unix:///var/run/docker.sock} or {@code tcp://host:2375}.
     * Unset: DOCKER_HOST, the current Docker context, then the usual sockets are tried in order.
     */
    @Parameter(property = "openim.docker.host")
    protected String dockerHost;

    /** Where results go, relative to the project. Default {@code _output}. Env OPENIM_OUT_DIR. */
    @Parameter(property = "openim.out.dir")
    protected String outDir;

    /** Shows every step: rsync itemisation, engine calls, cached build steps. Default false. */
    @Parameter(property = "openim.verbose")
    protected Boolean verbose;

    /**
     * Version of the build image; part of every name. Changing it removes all state of the old
     * version. Default: the contents of {@code VERSION} beside the Dockerfile, else {@code 1}.
     */
    @Parameter(property = "openim.build.image.version")
    protected String buildImageVersion;

    /** The build image's Dockerfile. Default {@code build/build-image/Dockerfile}. */
    @Parameter(property = "openim.dockerfile")
    protected String dockerfile;

    /** Where the rendered build context is written. Default {@code _output/images/build-image}. */
    @Parameter(property = "openim.context.directory")
    protected String contextDirectory;

    /** Files to put in the build context instead of everything beside the Dockerfile. */
    @Parameter(property = "openim.context.files")
    protected List<String> contextFiles;

    /** Base image that replaces OPENIM_BUILD_IMAGE_CROSS_TAG (with crossVersion). Env OPENIM_CROSS_IMAGE. */
    @Parameter(property = "openim.cross.image")
    protected String crossImage;

    /** Tag of crossImage. Env OPENIM_CROSS_VERSION. */
    @Parameter(property = "openim.cross.version")
    protected String crossVersion;

    /** Lets the engine pull base images. Default false: only local images are used. */
    @Parameter(property = "openim.pull.base.image")
    protected Boolean pullBaseImage;

    /** Extra build args for the build image. */
    @Parameter
    protected Map<String, String> buildArgs;

    /** Source root inside the containers. Default {@code /workspace}. */
    @Parameter(property = "openim.remote.root")
    protected String remoteRoot;

    /** Container paths kept in the data container between builds (caches). Default {@code /cache}. */
    @Parameter(property = "openim.cache.volumes")
    protected List<String> cacheVolumes;

    /** Image of the rsync container; it needs rsync. Default: the build image. */
    @Parameter(property = "openim.rsync.image")
    protected String rsyncImage;

    /** Host port of the rsync container on 127.0.0.1. Default 0: the engine picks a free one. */
    @Parameter(property = "openim.rsync.port")
    protected Integer rsyncPort;

    /** rsync compression level 0-9. Default 0 (off; the transfer is local). */
    @Parameter(property = "openim.rsync.compress")
    protected Integer rsyncCompress;

    /** rsync exclude patterns for sync in, e.g. {@code /docs/}. _output and _tmp are always excluded. */
    @Parameter(property = "openim.sync.excludes")
    protected List<String> syncExcludes;

    /** Whether .git travels with the sources (build stamps read it). Default true. */
    @Parameter(property = "openim.sync.git")
    protected Boolean syncGit;

    /** uid:gid of the build. Default: the host user's, or root on a rootless engine. */
    @Parameter(property = "openim.build.user")
    protected String buildUser;

    /** Network of the build container. Default {@code none}: builds are hermetic. */
    @Parameter(property = "openim.build.network")
    protected String buildNetwork;

    /**
     * Host variables passed to the build container when set; a trailing * matches a prefix.
     * Default GOFLAGS, GOPROXY, GOLDFLAGS, GOGCFLAGS, SOURCE_DATE_EPOCH, OPENIM_*.
     */
    @Parameter(property = "openim.pass.env")
    protected List<String> passEnv;

    /** Variables set in the build container. */
    @Parameter
    protected Map<String, String> env;

    /** Command of {@code openim:build}. Default {@code make build}. */
    @Parameter(property = "openim.build.command")
    protected String buildCommand;

    /** Directory copied out of the container, relative to the source root. Default {@code _output/dockerized}. */
    @Parameter(property = "openim.output.subpath")
    protected String outputSubpath;

    /** Whether build and run copy results back. Default true. Env OPENIM_RUN_COPY_OUTPUT. */
    @Parameter(property = "openim.copy.output")
    protected Boolean copyOutput;

    /** Wait for another build of this checkout instead of failing. Default false. */
    @Parameter(property = "openim.wait.for.lock")
    protected Boolean waitForLock;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        try {
            PluginConfiguration config = configuration();
            if (config.skip()) {
                getLog().info("Skipping openim:" + goal() + " (openim.skip)");
                return;
            }
            Console console = new MavenConsole(getLog(), config.verbose());
            checkBeforeEngine(config);
            if (!usesEngine()) {
                executeGoal(config, console, null);
                return;
            }
            try (BuildLock lock = locksCheckout()
                    ? BuildLock.acquire(config.outDir().resolve(".openim.lock"), goal(), config.waitForLock(), console)
                    : null;
                    DockerEngine engine = openEngine(config, console)) {
                executeGoal(config, console, engine);
            }
        } catch (BuildFailedException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (OpenImException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    /** The goal's name as users type it. */
    protected abstract String goal();

    protected abstract void executeGoal(PluginConfiguration config, Console console, DockerEngine engine);

    /** Refuses early what cannot work, before the lock is taken or the engine is contacted. */
    protected void checkBeforeEngine(PluginConfiguration config) {
    }

    /** Whether the goal talks to the engine; {@code clean} decides for itself. */
    protected boolean usesEngine() {
        return true;
    }

    /** Whether the goal must hold the checkout's build lock. */
    protected boolean locksCheckout() {
        return true;
    }

    /** Opens the first engine that answers; see {@link EngineLocator} for the order. */
    protected DockerEngine openEngine(PluginConfiguration config, Console console) {
        EngineLocator locator = new EngineLocator(System.getenv(), Path.of(System.getProperty("user.home")));
        DockerEngine engine = new EngineConnector(DockerJavaEngine::open, console::warn)
                .connect(locator.candidates(config.string(Setting.DOCKER_HOST)));
        console.debug("Docker engine " + engine.host() + ": Engine " + engine.version().engineVersion() + ", API "
                + engine.version().apiVersion());
        return engine;
    }

    PluginConfiguration configuration() {
        Map<Setting, Object> pom = new EnumMap<>(Setting.class);
        pom.put(Setting.SKIP, skip);
        pom.put(Setting.DOCKER_HOST, dockerHost);
        pom.put(Setting.OUT_DIR, outDir);
        pom.put(Setting.VERBOSE, verbose);
        pom.put(Setting.BUILD_IMAGE_VERSION, buildImageVersion);
        pom.put(Setting.DOCKERFILE, dockerfile);
        pom.put(Setting.CONTEXT_DIRECTORY, contextDirectory);
        pom.put(Setting.CONTEXT_FILES, contextFiles);
        pom.put(Setting.CROSS_IMAGE, crossImage);
        pom.put(Setting.CROSS_VERSION, crossVersion);
        pom.put(Setting.PULL_BASE_IMAGE, pullBaseImage);
        pom.put(Setting.REMOTE_ROOT, remoteRoot);
        pom.put(Setting.CACHE_VOLUMES, cacheVolumes);
        pom.put(Setting.RSYNC_IMAGE, rsyncImage);
        pom.put(Setting.RSYNC_PORT, rsyncPort);
        pom.put(Setting.RSYNC_COMPRESS, rsyncCompress);
        pom.put(Setting.SYNC_EXCLUDES, syncExcludes);
        pom.put(Setting.SYNC_GIT, syncGit);
        pom.put(Setting.BUILD_USER, buildUser);
        pom.put(Setting.BUILD_NETWORK, buildNetwork);
        pom.put(Setting.PASS_ENV, passEnv);
        pom.put(Setting.BUILD_COMMAND, buildCommand);
        pom.put(Setting.OUTPUT_SUBPATH, outputSubpath);
        pom.put(Setting.COPY_OUTPUT, copyOutput);
        pom.put(Setting.WAIT_FOR_LOCK, waitForLock);
        addGoalSettings(pom);
        ProjectFacts facts = new ProjectFacts(project.getBasedir().toPath().toAbsolutePath().normalize(),
                project.getGroupId(), project.getArtifactId(), project.getVersion());
        SettingsResolver resolver = new SettingsResolver(session.getUserProperties(), System.getenv());
        return new PluginConfiguration(facts, resolver, pom, buildArgs, env);
    }

    /** Adds the POM values of goal-specific parameters. */
    protected void addGoalSettings(Map<Setting, Object> pom) {
    }
}
