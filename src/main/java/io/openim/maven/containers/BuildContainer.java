package io.openim.maven.containers;

import io.openim.maven.BuildFailedException;
import io.openim.maven.OpenImException;
import io.openim.maven.docker.ContainerOutput;
import io.openim.maven.docker.ContainerSpec;
import io.openim.maven.docker.DockerEngine;
import io.openim.maven.docker.EngineException;
import io.openim.maven.docker.ImageInfo;
import io.openim.maven.naming.BuildIdentity;
import io.openim.maven.naming.Role;
import io.openim.maven.process.BuildUser;
import io.openim.maven.process.ShutdownCleanup;
import io.openim.maven.setting.Setting;
import io.openim.maven.util.Console;
import io.openim.maven.util.LastLines;
import io.openim.maven.util.LineSink;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway build container that shares the data container's volumes: one command with its
 * output streamed to the log, or an interactive shell. It is removed whatever happens.
 */
public final class BuildContainer {

    /** Output that says the command wanted the network it does not have. */
    private static final List<String> NETWORK_SYMPTOMS = List.of(
            "dial tcp",
            "no such host",
            "temporary failure in name resolution",
            "could not resolve",
            "network is unreachable",
            "connection refused");

    private final DockerEngine engine;
    private final ShutdownCleanup cleanup;
    private final Console console;
    private CompletableFuture<Void> removal;
    /** A container created ahead by {@link #createAhead}, not yet run, with what it was made for. */
    private Ahead ahead;

    private record Ahead(
            Options options,
            String command,
            CompletableFuture<Started> started,
            StartGate gate,
            ShutdownCleanup.Registration undo) {}

    /** A container started ahead, its output attached, waiting at its gate. */
    private record Started(String id, ContainerOutput output) {}

    /**
     * What a container started ahead runs: it waits for one line on stdin, the goal's word that the
     * sources are in, then runs the command with no stdin, as one started then would have. Should
     * the goal go away first, stdin ends and the container exits without running anything.
     */
    static final String GATED = "IFS= read -r openim_sources_in || exit 125; exec /bin/sh -c \"$1\" </dev/null";

    /** Waits until the last command's container is removed (or its removal failed and was reported). */
    public void awaitRemoval() {
        if (removal != null) {
            try {
                removal.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // remove() reports its own failure.
            }
            removal = null;
        }
    }

    public BuildContainer(DockerEngine engine, ShutdownCleanup cleanup, Console console) {
        this.engine = engine;
        this.cleanup = cleanup;
        this.console = console;
    }

    /** Everything about the build container but the command. */
    public record Options(
            BuildIdentity identity,
            String image,
            BuildUser user,
            String workingDir,
            Map<String, String> env,
            String network,
            Mounts mounts) {}

    /**
     * Where the build container's files come from: all of the data container's volumes (the
     * synced sources among them), or the checkout itself plus the data container's cache volumes
     * by name (the bind transport).
     *
     * @param checkout the host directory mounted at the source root, or null
     * @param volumes named volume -> path, used with a checkout
     */
    public record Mounts(String volumesFrom, Path checkout, String sourceRoot, Map<String, String> volumes) {

        public static Mounts dataContainer(BuildIdentity identity) {
            return new Mounts(identity.dataContainer(), null, null, Map.of());
        }

        public static Mounts checkout(Path checkout, DataContainer.Layout layout, BuildIdentity identity) {
            Map<String, String> volumes = new LinkedHashMap<>();
            List<String> paths = layout.paths();
            // Index 0 is the synced source root, which the checkout replaces; the caches follow.
            for (int i = 1; i < paths.size(); i++) {
                volumes.put(identity.dataVolume(i), paths.get(i));
            }
            return new Mounts(null, checkout, layout.remoteRoot(), volumes);
        }
    }

    /**
     * Creates and starts the container for {@code command} on a thread of its own, held at a gate
     * until {@link #run} with the same options opens it: the create and the start (~0.3 s of the
     * engine's time) overlap the sync instead of following it. Failures surface in {@link #run};
     * {@link #discardAhead()} removes the container if it is not run.
     */
    public void createAhead(Options options, String command) {
        discardAhead();
        String name = options.identity().buildContainer();
        CompletableFuture<Started> started = new CompletableFuture<>();
        StartGate gate = new StartGate();
        // A stop while the create is under way waits for it, so the container it makes goes too.
        ShutdownCleanup.Registration undo = cleanup.register("container " + name, () -> {
            gate.cancel();
            try {
                started.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // Not made, or not in time: remove by name whatever there is.
            }
            engine.removeContainer(name);
        });
        Thread starter = new Thread(() -> startGated(options, command, gate, started), "openim-start-build-container");
        starter.setDaemon(true);
        starter.start();
        ahead = new Ahead(options, command, started, gate, undo);
    }

    private void startGated(Options options, String command, StartGate gate, CompletableFuture<Started> started) {
        String name = options.identity().buildContainer();
        String id = null;
        ContainerOutput output = null;
        try {
            StaleContainer.removeIfPresent(engine, name, console);
            id = create(gated(options, command), options);
            // By name, so that a failure while following names the container as the log does.
            output = engine.attachOutput(name, gate);
            start(id, options);
            started.complete(new Started(id, output));
        } catch (Throwable t) {
            gate.cancel();
            if (output != null) {
                output.close();
            }
            if (id != null) {
                remove(id, name);
            }
            started.completeExceptionally(t);
        }
    }

    /** Removes a container made by {@link #createAhead} that was not run (the sync failed, say). */
    public void discardAhead() {
        Ahead unused = ahead;
        ahead = null;
        if (unused == null) {
            return;
        }
        unused.gate().cancel();
        try {
            Started started = awaitStarted(unused);
            started.output().close();
            remove(started.id(), unused.options().identity().buildContainer());
        } catch (RuntimeException e) {
            // It was never made; whatever failed is reported by the step that failed first.
        } finally {
            unused.undo().close();
        }
    }

    /** The container made ahead for exactly this run, or null (one made for another is removed). */
    private Ahead takeAhead(Options options, String command) {
        if (ahead != null
                && !(ahead.options().equals(options) && ahead.command().equals(command))) {
            discardAhead();
        }
        Ahead made = ahead;
        ahead = null;
        return made;
    }

    private static Started awaitStarted(Ahead made) {
        try {
            return made.started().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpenImException("Interrupted while starting the build container", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause
                    ? cause
                    : new OpenImException("Could not start the build container: " + e.getCause(), e.getCause());
        }
    }

    private ContainerSpec gated(Options options, String command) {
        return spec(options)
                .openStdin(true)
                .entrypoint(List.of("/bin/sh", "-c"))
                .command(List.of(GATED, "openim-build", command))
                .build();
    }

    private ContainerSpec command(Options options, String command) {
        return spec(options)
                .entrypoint(List.of("/bin/sh", "-c"))
                .command(List.of(command))
                .build();
    }

    /**
     * Runs {@code command} to its end, in the container made ahead for it if there is one. The
     * exited container is removed on a thread of its own, so the copy-out can start at once;
     * {@link #awaitRemoval()} waits for it.
     */
    public void run(Options options, String command) {
        String name = options.identity().buildContainer();
        Ahead made = takeAhead(options, command);
        LastLines last = new LastLines(25);
        LineSink logged = lines -> {
            last.accept(lines);
            console.info(lines);
        };
        int exit;
        // Registered by name before it exists, so a stop right after the create still removes it.
        ShutdownCleanup.Registration undo =
                made != null ? made.undo() : cleanup.register("container " + name, () -> engine.removeContainer(name));
        String id = null;
        try {
            if (made != null) {
                Started started;
                try {
                    started = awaitStarted(made);
                } catch (RuntimeException e) {
                    // startGated removed what it made; nothing of this run is left to remove.
                    undo.close();
                    throw e;
                }
                id = started.id();
                console.info("Running `" + command + "` in " + name);
                try (ContainerOutput output = started.output()) {
                    made.gate().open();
                    exit = output.follow(logged);
                }
            } else {
                StaleContainer.removeIfPresent(engine, name, console);
                id = create(command(options, command), options);
                console.info("Running `" + command + "` in " + name);
                // By name, so that a failure while following names the container as the log does.
                try (ContainerOutput output = engine.attachOutput(name)) {
                    start(id, options);
                    exit = output.follow(logged);
                }
            }
        } catch (RuntimeException e) {
            if (id != null) {
                remove(id, name);
            }
            undo.close();
            throw e;
        }
        String exited = id;
        removal = new CompletableFuture<>();
        Thread remover = new Thread(
                () -> {
                    try {
                        remove(exited, name);
                    } finally {
                        undo.close();
                        removal.complete(null);
                    }
                },
                "openim-remove-build-container");
        remover.setDaemon(true);
        remover.start();
        if (exit != 0) {
            awaitRemoval();
            throw new BuildFailedException("`" + command + "` failed in the build container with exit code " + exit
                    + exitMeaning(exit) + "." + last.format("Last lines") + networkHint(options, last.lines()));
        }
    }

    /**
     * An interactive shell in the build container: the image's {@code SHELL} when its Dockerfile set
     * one, else bash where the image has it, else sh.
     */
    public int shell(Options options) {
        String name = options.identity().buildContainer();
        StaleContainer.removeIfPresent(engine, name, console);
        List<String> shell =
                engine.inspectImage(options.image()).map(ImageInfo::shell).orElse(List.of());
        ContainerSpec.Builder spec = spec(options).tty(true).openStdin(true);
        if (shell.isEmpty()) {
            spec.entrypoint(List.of("/bin/sh", "-c"))
                    .command(List.of("command -v bash >/dev/null && exec bash || exec sh"));
        } else {
            spec.entrypoint(List.of(shell.get(0))).command(List.of());
        }
        try (ShutdownCleanup.Registration undo =
                cleanup.register("container " + name, () -> engine.removeContainer(name))) {
            String id = create(spec.build(), options);
            try {
                return engine.attachInteractive(id);
            } finally {
                remove(id, name);
            }
        }
    }

    private ContainerSpec.Builder spec(Options options) {
        BuildIdentity identity = options.identity();
        ContainerSpec.Builder spec = ContainerSpec.builder(identity.buildContainer(), options.image())
                .workingDir(options.workingDir())
                .env(options.env())
                .labels(identity.labels(Role.BUILD))
                .hostname("openim-build");
        Mounts mounts = options.mounts();
        if (mounts.checkout() != null) {
            spec.bind(mounts.checkout().toString(), mounts.sourceRoot());
            mounts.volumes().forEach(spec::volume);
        } else {
            spec.volumesFrom(mounts.volumesFrom());
        }
        if (options.user() != null) {
            spec.user(options.user().toString());
        }
        if (options.network() != null) {
            spec.networkMode(options.network());
        }
        return spec;
    }

    private String create(ContainerSpec spec, Options options) {
        try {
            return engine.createContainer(spec);
        } catch (EngineException e) {
            Path checkout = options.mounts().checkout();
            if (checkout != null && e.getMessage() != null && e.getMessage().contains("source path does not exist")) {
                throw new OpenImException(
                        "The engine cannot see " + checkout + " (syncTransport=bind): the checkout is"
                                + " not shared with the engine's machine or VM. Share the directory with the engine (Docker"
                                + " Desktop: Settings, Resources, File sharing; Podman machine: its volume mounts), or use "
                                + Setting.SYNC_TRANSPORT.describe("port") + " or stream.",
                        e);
            }
            throw e;
        }
    }

    private void start(String id, Options options) {
        try {
            engine.startContainer(id);
        } catch (EngineException e) {
            throw switch (e.reason()) {
                case NETWORK_MISSING ->
                    new OpenImException(
                            "The build container cannot join the network '"
                                    + options.network() + "': the engine has no such network. Fix "
                                    + Setting.BUILD_NETWORK.describe()
                                    + " (none, bridge, host or a network from `docker network ls`).",
                            e);
                case UNKNOWN_USER ->
                    new OpenImException(
                            "The build image " + options.image() + " does not know the"
                                    + " user '" + options.user() + "'. Fix " + Setting.BUILD_USER.describe()
                                    + ": use uid:gid"
                                    + " numbers, e.g. 1000:1000, or a user the image defines.",
                            e);
                case NO_EXECUTABLE ->
                    new OpenImException(
                            "The build image " + options.image() + " has no /bin/sh to"
                                    + " run the command with (" + e.getMessage() + "). Give it a shell, or point "
                                    + Setting.DOCKERFILE.describe() + " at a Dockerfile whose image has one.",
                            e);
                default -> e;
            };
        }
    }

    private void remove(String id, String name) {
        try {
            engine.removeContainer(id);
        } catch (RuntimeException e) {
            // The first error wins; this one only says what was left.
            console.warn("Could not remove the build container " + name + " (" + e.getMessage()
                    + "); remove it with `docker rm -f " + name + "` or `mvn openim:clean`.");
        }
    }

    private static String exitMeaning(int exit) {
        return switch (exit) {
            case 137 -> " (killed: out of memory, or stopped with docker kill)";
            case 143 -> " (terminated: stopped with docker stop or SIGTERM)";
            case 126 -> " (a program it ran is not executable)";
            case 127 -> " (a program it ran was not found)";
            default -> "";
        };
    }

    private static String networkHint(Options options, List<String> lines) {
        if (!"none".equals(options.network())) {
            return "";
        }
        boolean wantedNetwork = lines.stream()
                .map(line -> line.toLowerCase(Locale.ROOT))
                .anyMatch(line -> NETWORK_SYMPTOMS.stream().anyMatch(line::contains));
        return wantedNetwork
                ? "\nThe build container has no network (buildNetwork=none) and the command seems to have wanted"
                        + " one. Vendor the dependencies, or set " + Setting.BUILD_NETWORK.describe("bridge") + "."
                : "";
    }
}
