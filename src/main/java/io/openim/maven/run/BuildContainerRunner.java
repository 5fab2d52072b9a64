package io.openim.maven.run;

import io.openim.maven.BuildFailedException;
import io.openim.maven.docker.ContainerSpec;
import io.openim.maven.docker.DockerEngine;
import io.openim.maven.naming.BuildIdentity;
import io.openim.maven.naming.Role;
import io.openim.maven.util.Console;
import io.openim.maven.util.LastLines;
import java.util.List;
import java.util.Map;

/**
 * Runs one command in a throwaway build container that shares the data container's volumes.
 * Output streams to the log as it comes; the container is removed whatever happens.
 */
public final class BuildContainerRunner {

    private final DockerEngine engine;
    private final InterruptCleanup cleanup;
    private final Console console;

    public BuildContainerRunner(DockerEngine engine, InterruptCleanup cleanup, Console console) {
        this.engine = engine;
        this.cleanup = cleanup;
        this.console = console;
    }

    /** Everything about the build container but the command. */
    public record Options(BuildIdentity identity, String image, String user, String workingDir,
            Map<String, String> env, String network) {
    }

    public void run(Options options, String command) {
        BuildIdentity identity = options.identity();
        String name = identity.buildContainer();
        // A container left by a killed JVM would block the name.
        engine.inspectContainer(name).ifPresent(stale -> engine.removeContainer(stale.id()));
        String id = engine.createContainer(spec(options, command, false).build());
        cleanup.track(id);
        LastLines last = new LastLines(25);
        int exit;
        try {
            console.info("Running `" + command + "` in " + name);
            engine.startContainer(id);
            exit = engine.runToCompletion(id, line -> {
                last.accept(line);
                console.info(line);
            });
        } finally {
            engine.removeContainer(id);
            cleanup.untrack(id);
        }
        if (exit != 0) {
            String hint = "none".equals(options.network())
                    ? "\nThe build container has no network (buildNetwork=none). If the command needs to download,"
                            + " set 'buildNetwork' (-Dopenim.build.network=bridge)."
                    : "";
            throw new BuildFailedException("`" + command + "` failed in the build container with exit code " + exit
                    + ". Last lines:\n  " + String.join("\n  ", last.lines()) + hint);
        }
    }

    /** The build container's spec; {@code interactive} keeps a terminal for {@code openim:shell}. */
    public static ContainerSpec.Builder spec(Options options, String command, boolean interactive) {
        BuildIdentity identity = options.identity();
        ContainerSpec.Builder spec = ContainerSpec.builder(identity.buildContainer(), options.image())
                .entrypoint(List.of("/bin/sh", "-c"))
                .command(List.of(command))
                .workingDir(options.workingDir())
                .env(options.env())
                .labels(identity.labels(Role.BUILD))
                .volumesFrom(identity.dataContainer())
                .hostname("openim-build")
                .tty(interactive);
        if (options.user() != null) {
            spec.user(options.user());
        }
        if (options.network() != null) {
            spec.networkMode(options.network());
        }
        return spec;
    }
}
