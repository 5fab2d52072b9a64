package io.openim.maven.containers;

import io.openim.maven.OpenImException;
import io.openim.maven.docker.ContainerInfo;
import io.openim.maven.docker.ContainerSpec;
import io.openim.maven.docker.DockerEngine;
import io.openim.maven.docker.EngineException;
import io.openim.maven.naming.BuildIdentity;
import io.openim.maven.naming.Role;
import io.openim.maven.process.BuildUser;
import io.openim.maven.process.ShutdownCleanup;
import io.openim.maven.setting.Setting;
import io.openim.maven.util.Console;
import io.openim.maven.util.TarWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The rsync container of one goal execution: an rsync daemon over the data container's volumes,
 * published on 127.0.0.1 only, guarded by a password made fresh for this run. The password
 * reaches the container as a file copied in before start and the host client as a file only the
 * user can read; it is never part of an image, an environment or a log.
 *
 * <p>The daemon runs as the container's root and, for each connection, chroots into the source
 * root and switches to the build user: files land owned by that user, and symbolic links keep
 * their targets (a daemon that cannot chroot rewrites them). As root it can also write its lock
 * file, which a daemon running as the build user could not.
 */
public final class RsyncContainer implements AutoCloseable {

    public static final int CONTAINER_PORT = 8730;
    static final String MODULE = "workspace";
    static final String USER = "openim";
    static final String CONFIG_DIR = "/openim-rsyncd";
    private static final int PROBE_TRIES = 50;
    private static final long PROBE_INTERVAL_MS = 100;
    /** The daemon is usually up within a few ms, so the first waits are short. */
    private static final long FIRST_PROBE_INTERVAL_MS = 5;

    private final DockerEngine engine;
    private final ShutdownCleanup cleanup;
    private final Console console;
    private final Path tempDirectory;
    private RsyncEndpoint endpoint;
    private RsyncStreamBridge bridge;
    private String containerName;
    private Path passwordFile;
    private ShutdownCleanup.Registration undoContainer;
    private ShutdownCleanup.Registration undoPasswordFile;

    public RsyncContainer(DockerEngine engine, ShutdownCleanup cleanup, Console console, Path tempDirectory) {
        this.engine = engine;
        this.cleanup = cleanup;
        this.console = console;
        this.tempDirectory = tempDirectory;
    }

    /**
     * Parameters of the daemon container.
     *
     * @param transport {@link SyncTransport#PORT} or {@link SyncTransport#STREAM}, already resolved
     */
    public record Options(
            BuildIdentity identity,
            String image,
            BuildUser user,
            String remoteRoot,
            int hostPort,
            SyncTransport transport) {}

    /** Starts the daemon on first use and returns where it answers; later calls reuse it. */
    public RsyncEndpoint start(Options options) {
        if (endpoint != null) {
            return endpoint;
        }
        BuildIdentity identity = options.identity();
        String name = identity.rsyncContainer();
        StaleContainer.removeIfPresent(engine, name, console);

        String password = RsyncPasswordFile.newPassword();
        Path file = RsyncPasswordFile.write(tempDirectory, identity.hash(), password, console);
        passwordFile = file;
        undoPasswordFile = cleanup.register("rsync password file " + file, () -> RsyncPasswordFile.delete(file));
        containerName = name;
        undoContainer = cleanup.register("container " + name, () -> engine.removeContainer(name));
        boolean stream = options.transport() == SyncTransport.STREAM;
        try {
            ContainerSpec.Builder spec = ContainerSpec.builder(name, options.image())
                    .entrypoint(List.of("rsync"))
                    .command(List.of("--daemon", "--no-detach", "--config=" + CONFIG_DIR + "/rsyncd.conf"))
                    // Root only inside the container: it chroots and then becomes the build user.
                    .user(BuildUser.ROOT.toString())
                    .labels(identity.labels(Role.RSYNC))
                    .volumesFrom(identity.dataContainer());
            if (stream) {
                // Connections arrive over the engine's API; the container needs no network at all.
                spec.networkMode("none");
            } else {
                spec.publish(CONTAINER_PORT, "127.0.0.1", options.hostPort());
            }
            String id = engine.createContainer(spec.build());
            engine.copyToContainer(id, "/", configArchive(options, password));
            startDaemon(id, options);
            int port;
            if (stream) {
                bridge = new RsyncStreamBridge(engine, id, SERVER_COMMAND, console);
                port = startBridge();
            } else {
                port = waitForPort(id, options.image());
            }
            endpoint = new RsyncEndpoint(id, "127.0.0.1", port, USER, MODULE, passwordFile);
            probe(id, options.image(), port);
            console.info(
                    stream
                            ? "Sync over the engine connection (syncTransport=stream): no port published"
                            : "Sync through port " + port
                                    + " that the engine publishes on 127.0.0.1 (syncTransport=port)");
            return endpoint;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** What each stream connection runs: rsync's daemon protocol over stdin and stdout. */
    private static final List<String> SERVER_COMMAND =
            List.of("rsync", "--server", "--daemon", "--config=" + CONFIG_DIR + "/rsyncd.conf", ".");

    private int startBridge() {
        try {
            return bridge.start();
        } catch (IOException e) {
            throw new OpenImException(
                    "Cannot listen on this machine's loopback for the rsync client (" + e.getMessage()
                            + "); the stream transport needs a free local port.",
                    e);
        }
    }

    private void startDaemon(String id, Options options) {
        try {
            engine.startContainer(id);
        } catch (EngineException e) {
            if (e.reason() == EngineException.Reason.NO_EXECUTABLE) {
                throw missingRsync(options.image(), 127, e.getMessage());
            }
            if (e.reason() == EngineException.Reason.PORT_IN_USE) {
                throw new OpenImException(
                        "The rsync container cannot publish port " + options.hostPort()
                                + " on 127.0.0.1: another program holds it. Unset " + Setting.RSYNC_PORT.describe()
                                + " so the engine picks a free port, or choose another.",
                        e);
            }
            throw e;
        }
    }

    private static OpenImException missingRsync(String image, int exit, String detail) {
        return new OpenImException("The rsync image " + image + " has no usable rsync (exit " + exit + "). Add it to"
                + " the image, e.g. `RUN apt-get install -y rsync` in the build image Dockerfile, or set "
                + Setting.RSYNC_IMAGE.describe() + " to an image that has rsync.\nDetail: " + detail);
    }

    static String rsyncdConf(String remoteRoot, BuildUser user) {
        // No "hosts allow": the port is published on loopback only, and the password guards it.
        // Restricting to a bridge subnet broke podman and remote engines in the original.
        return String.join(
                "\n",
                "port = " + CONTAINER_PORT,
                // Each connection chroots into the source root, so links need no rewriting.
                "use chroot = yes",
                "munge symlinks = no",
                "reverse lookup = no",
                // Without it Nagle's algorithm and delayed ACKs hold each small exchange of the
                // protocol back: a sync with nothing to send took 140-180 ms instead of 9.
                "socket options = TCP_NODELAY",
                "max connections = 8",
                "lock file = " + CONFIG_DIR + "/rsyncd.lock",
                // Not stdout: with the stream transport stdout carries the rsync protocol.
                "log file = /dev/stderr",
                "[" + MODULE + "]",
                "    path = " + remoteRoot,
                // Whoever connects learns nothing of the module unless they name it.
                "    list = no",
                "    read only = false",
                // After the chroot the daemon becomes the build user: files land as theirs.
                "    uid = " + user.user(),
                "    gid = " + user.groupForFiles(),
                "    numeric ids = true",
                "    auth users = " + USER,
                "    secrets file = " + CONFIG_DIR + "/rsyncd.secrets",
                "    filter = - /_tmp/",
                "");
    }

    private static InputStream configArchive(Options options, String password) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarWriter tar = new TarWriter(bytes)) {
            tar.addFile(
                    "openim-rsyncd/rsyncd.conf",
                    rsyncdConf(options.remoteRoot(), options.user()).getBytes(StandardCharsets.UTF_8),
                    0644,
                    0,
                    0);
            // rsync refuses a secrets file that others can read, or that root does not own when it runs as root.
            tar.addFile(
                    "openim-rsyncd/rsyncd.secrets",
                    (USER + ":" + password + "\n").getBytes(StandardCharsets.UTF_8),
                    0600,
                    0,
                    0);
        } catch (IOException e) {
            throw new IllegalStateException("Writing a tar to memory failed", e);
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }

    private int waitForPort(String id, String image) {
        for (int i = 0; i < PROBE_TRIES; i++) {
            Optional<Integer> port = engine.publishedPort(id, CONTAINER_PORT);
            if (port.isPresent()) {
                return port.get();
            }
            checkAlive(id, image);
            sleep(i);
        }
        throw new OpenImException("The rsync container " + id + " started but the engine reported no host port for "
                + CONTAINER_PORT + ". Its log:\n" + engine.logs(id, 40));
    }

    private void probe(String id, String image, int port) {
        String lastError = "";
        for (int i = 0; i < PROBE_TRIES; i++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                socket.setSoTimeout(1000);
                byte[] greeting = socket.getInputStream().readNBytes(8);
                if (new String(greeting, StandardCharsets.US_ASCII).startsWith("@RSYNCD:")) {
                    return;
                }
                lastError = "no rsync greeting";
            } catch (IOException e) {
                lastError = e.getMessage();
            }
            checkAlive(id, image);
            sleep(i);
        }
        throw new OpenImException("Could not connect to the rsync container on 127.0.0.1:" + port + " after "
                + PROBE_TRIES + " tries (" + lastError + "). Its log:\n" + engine.logs(id, 40)
                + "\nIf another program holds that port, unset " + Setting.RSYNC_PORT.describe()
                + " so the engine picks a free one.");
    }

    /** Fails fast, with the container's log, when the daemon exited instead of listening. */
    private void checkAlive(String id, String image) {
        Optional<ContainerInfo> info = engine.inspectContainer(id);
        if (info.isPresent() && info.get().running()) {
            return;
        }
        String log = engine.logs(id, 40);
        int exit = info.map(ContainerInfo::exitCode).orElse(-1);
        if (exit == 127 || exit == 126) {
            throw missingRsync(image, exit, log);
        }
        throw new OpenImException(
                "The rsync container exited with code " + exit + " instead of serving. Its log:\n" + log);
    }

    /** 5, 10, 20, 40, 80 ms, then every 100 ms. */
    private static void sleep(int attempt) {
        try {
            Thread.sleep(Math.min(PROBE_INTERVAL_MS, FIRST_PROBE_INTERVAL_MS << Math.min(attempt, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpenImException("Interrupted while waiting for the rsync container");
        }
    }

    /**
     * Explains a failed transfer when the cause is the container: one that stopped while the goal
     * still needed it (killed, out of memory) gets said so instead of rsync's socket error.
     */
    public RuntimeException explain(RuntimeException transferFailure, String step) {
        if (containerName == null) {
            return transferFailure;
        }
        Optional<ContainerInfo> info;
        try {
            info = engine.inspectContainer(containerName);
        } catch (RuntimeException e) {
            return transferFailure;
        }
        if (info.isPresent() && info.get().running()) {
            String bridgeFailure = bridge == null ? null : bridge.lastFailure();
            return bridgeFailure == null
                    ? transferFailure
                    : new OpenImException(
                            transferFailure.getMessage() + "\nThe stream transport " + bridgeFailure
                                    + ". With an engine on this machine, " + Setting.SYNC_TRANSPORT.describe("port")
                                    + " avoids it.",
                            transferFailure);
        }
        String how = info.map(c -> "exit code " + c.exitCode() + (c.exitCode() == 137 ? ", killed" : ""))
                .orElse("removed");
        return new OpenImException(
                "The rsync container " + containerName + " stopped (" + how + ") before " + step
                        + " could finish, so the transfer failed: "
                        + transferFailure.getMessage().lines().findFirst().orElse("")
                        + "\nRun the goal again; it starts a new rsync container.",
                transferFailure);
    }

    /** Removes the daemon and the password file; called when the goal ends, whatever the outcome. */
    @Override
    public void close() {
        endpoint = null;
        if (bridge != null) {
            bridge.close();
            bridge = null;
        }
        if (containerName != null) {
            try {
                engine.removeContainer(containerName);
            } catch (RuntimeException e) {
                console.warn("Could not remove the rsync container " + containerName + " (" + e.getMessage()
                        + "); remove it with `docker rm -f " + containerName + "` or `mvn openim:clean`.");
            }
            containerName = null;
        }
        if (passwordFile != null) {
            RsyncPasswordFile.delete(passwordFile);
            passwordFile = null;
        }
        if (undoContainer != null) {
            undoContainer.close();
            undoContainer = null;
        }
        if (undoPasswordFile != null) {
            undoPasswordFile.close();
            undoPasswordFile = null;
        }
    }
}
