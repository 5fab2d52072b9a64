package io.openim.maven.plugin;

import io.openim.maven.BuildFailedException;
import io.openim.maven.OpenImException;
import io.openim.maven.config.GoalRequests;
import io.openim.maven.config.GoalSettings;
import io.openim.maven.config.PomValues;
import io.openim.maven.config.ProjectFacts;
import io.openim.maven.config.SettingsResolver;
import io.openim.maven.docker.EngineException;
import io.openim.maven.docker.EngineFactory;
import io.openim.maven.docker.EngineRequest;
import io.openim.maven.process.BuildLock;
import io.openim.maven.process.OutputDirectory;
import io.openim.maven.process.ShutdownCleanup;
import io.openim.maven.setting.Goal;
import io.openim.maven.setting.PropertyNames;
import io.openim.maven.util.Console;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every goal shares: the settings every goal reads, checking all of a goal's input before
 * any side effect, the checkout's lock, the engine, Ctrl-C cleanup and the mapping of failures to
 * Maven's exceptions. A goal only says how it prepares its work and what the work does.
 */
public abstract class AbstractOpenImMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    /** Skips the goal. Default {@code false}. */
    @Parameter(property = PropertyNames.SKIP)
    protected Boolean skip;

    /**
     * The Docker engine to use, e.g. {@code unix:///var/run/docker.sock} or {@code tcp://host:2375}.
     * Unset: DOCKER_HOST, the current Docker context, then the usual sockets are tried in order.
     */
    @Parameter(property = PropertyNames.DOCKER_HOST)
    protected String dockerHost;

    /**
     * Talk TLS to {@code dockerHost} (or DOCKER_HOST), verify the engine's certificate with
     * {@code ca.pem} and present {@code cert.pem}/{@code key.pem} from {@code dockerCertPath}. Unset:
     * the DOCKER_TLS_VERIFY variable decides, as for the docker CLI.
     */
    @Parameter(property = PropertyNames.DOCKER_TLS_VERIFY)
    protected Boolean dockerTlsVerify;

    /** The directory with {@code ca.pem}, {@code cert.pem}, {@code key.pem}. Unset: DOCKER_CERT_PATH, else ~/.docker. */
    @Parameter(property = PropertyNames.DOCKER_CERT_PATH)
    protected String dockerCertPath;

    /**
     * Seconds the engine may take to answer a request that is not a stream (inspect, create,
     * remove, …); past it the goal fails naming the request. Streams (build output, logs, saves,
     * loads, pushes) may stay quiet as long as the engine still answers a ping. {@code 0}: no limit.
     * Default {@code 120}.
     */
    @Parameter(property = PropertyNames.ENGINE_TIMEOUT)
    protected Integer engineTimeout;

    /** Where results go, relative to the project. Default {@code _output}. */
    @Parameter(property = PropertyNames.OUT_DIR)
    protected String outDir;

    /** Shows every step: rsync itemisation, engine calls, cached build steps. Default {@code false}. */
    @Parameter(property = PropertyNames.VERBOSE)
    protected Boolean verbose;

    /** Wait for another build of this checkout instead of failing. Default {@code false}. */
    @Parameter(property = PropertyNames.WAIT_FOR_LOCK)
    protected Boolean waitForLock;

    /**
     * Lets {@code outDir} (and {@code contextDirectory}) lie outside the checkout or behind a
     * symbolic link. Default {@code false}: such a directory is refused before anything is written,
     * since the plugin writes and deletes there.
     */
    @Parameter(property = PropertyNames.ALLOW_EXTERNAL_OUT_DIR)
    protected Boolean allowExternalOutDir;

    @Inject
    EngineFactory engines;

    @Inject
    HostEnvironment host;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        Console console = null;
        ShutdownCleanup[] stop = {null};
        try {
            // The engine client loads its classes while the settings are read.
            engines.prepare();
            GoalRequests requests = requests();
            if (requests.skip()) {
                getLog().info("Skipping openim:" + goal().goalName() + " (" + PropertyNames.SKIP + ")");
                return;
            }
            console = new MavenConsole(getLog(), requests.verbose(), moduleName());
            GoalWork work = prepare(requests, console);
            EngineRequest engineRequest = requests.engineRequest(host.userHome());
            engines.check(engineRequest);
            OutputDirectory output = new OutputDirectory(requests.outDir());
            // Connecting starts once the checkout is ours, and overlaps the goal's first steps.
            try (BuildLock lock = work.locks()
                            ? BuildLock.acquire(output, goal().goalName(), requests.waitForLock(), console)
                            : null;
                    EngineSession session = new EngineSession(engines, engineRequest, console);
                    ShutdownCleanup cleanup = new ShutdownCleanup(console, "openim:" + goal().goalName())) {
                stop[0] = cleanup;
                work.run(new GoalContext(session, cleanup, console, output));
            }
        } catch (BuildFailedException e) {
            awaitExitIfStopped(stop[0]);
            reportCause(console, e);
            throw new MojoFailureException(e.getMessage());
        } catch (OpenImException e) {
            awaitExitIfStopped(stop[0]);
            reportCause(console, e);
            throw new MojoExecutionException(e.getMessage());
        } catch (RuntimeException e) {
            awaitExitIfStopped(stop[0]);
            throw e;
        }
    }

    /**
     * A failure caused by Ctrl-C (rsync killed, the build container removed under the command) is
     * not reported: the cleanup's one line said what was interrupted and what was left.
     */
    private static void awaitExitIfStopped(ShutdownCleanup cleanup) {
        if (cleanup != null) {
            cleanup.awaitExitIfStopping();
        }
    }

    /**
     * The module every line names in a parallel reactor ({@code -T}), where two modules' lines
     * interleave; null otherwise.
     */
    private String moduleName() {
        boolean parallel = session != null
                && session.isParallel()
                && session.getProjects() != null
                && session.getProjects().size() > 1;
        return parallel ? project.getArtifactId() : null;
    }

    /**
     * The message says it all; the cause (with the engine's raw reply) goes to the verbose log only,
     * since Maven would print every cause's message after it.
     */
    private void reportCause(Console console, OpenImException e) {
        for (Throwable t = e; t != null && console != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof EngineException engine && engine.engineDetail() != null) {
                console.debug("The engine's reply: " + engine.engineDetail());
                break;
            }
        }
        if (getLog().isDebugEnabled()) {
            getLog().debug("Cause of the failure below", e);
        }
    }

    /** The goal this mojo is. */
    protected abstract Goal goal();

    /**
     * Reads and checks every setting the goal needs and returns its work. Nothing here may lock,
     * write or call the engine: bad input must be refused before any side effect.
     */
    protected abstract GoalWork prepare(GoalRequests requests, Console console);

    GoalRequests requests() {
        ProjectFacts facts = new ProjectFacts(
                project.getBasedir().toPath().toAbsolutePath().normalize(),
                project.getGroupId(),
                project.getArtifactId(),
                project.getVersion(),
                project.getUrl(),
                project.getScm() == null ? null : project.getScm().getUrl(),
                project.getDescription(),
                project.getLicenses() == null
                        ? List.of()
                        : project.getLicenses().stream()
                                .map(license -> new ProjectFacts.License(license.getName(), license.getUrl()))
                                .toList());
        SettingsResolver resolver = new SettingsResolver(session.getUserProperties(), host.variables());
        GoalSettings settings = new GoalSettings(goal(), facts, resolver, PomValues.read(this, goal()));
        return new GoalRequests(settings, host.tempDirectory());
    }
}
