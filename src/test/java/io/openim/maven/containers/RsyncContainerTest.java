package io.openim.maven.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openim.maven.OpenImException;
import io.openim.maven.docker.ContainerSpec;
import io.openim.maven.docker.EngineException;
import io.openim.maven.docker.FakeDockerEngine;
import io.openim.maven.naming.BuildIdentity;
import io.openim.maven.naming.Role;
import io.openim.maven.process.BuildUser;
import io.openim.maven.process.HostUser;
import io.openim.maven.process.ShutdownCleanup;
import io.openim.maven.util.RecordingConsole;
import io.openim.maven.util.TarReader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RsyncContainerTest {

    @TempDir
    Path temp;

    private final RecordingConsole console = new RecordingConsole();

    @Test
    void configServesTheRemoteRootToThePasswordUserFromAnyHost() {
        String conf = RsyncContainer.rsyncdConf("/go/src/openim", BuildUser.parse("1000:1001"));
        List<String> lines = conf.lines().map(String::strip).toList();

        assertFalse(conf.contains("hosts allow"), conf);
        assertFalse(conf.contains("hosts deny"), conf);
        assertTrue(lines.contains("port = 8730"), conf);
        assertTrue(lines.contains("[workspace]"), conf);
        assertTrue(lines.contains("path = /go/src/openim"), conf);
        assertTrue(lines.contains("auth users = openim"), conf);
        assertTrue(lines.contains("secrets file = /openim-rsyncd/rsyncd.secrets"), conf);
        assertTrue(lines.contains("numeric ids = true"), conf);
        assertTrue(lines.contains("uid = 1000"), conf);
        assertTrue(lines.contains("gid = 1001"), conf);
        assertTrue(lines.contains("read only = false"), conf);
        assertTrue(lines.contains("filter = - /_tmp/"), conf);
        int module = lines.indexOf("[workspace]");
        for (String setting : List.of("path = /go/src/openim", "uid = 1000", "auth users = openim", "list = no")) {
            assertTrue(module < lines.indexOf(setting), setting + " belongs to the module: " + conf);
        }
    }

    @Test
    void theDaemonChrootsSoLinksKeepTheirTargetsAndLocksInItsOwnDirectory() {
        List<String> lines = RsyncContainer.rsyncdConf("/workspace", BuildUser.parse("2345:2345"))
                .lines()
                .map(String::strip)
                .toList();
        assertTrue(lines.contains("use chroot = yes"), lines.toString());
        assertTrue(lines.contains("munge symlinks = no"), lines.toString());
        // max connections needs a lock file; the default one is not writable everywhere.
        assertTrue(lines.contains("lock file = /openim-rsyncd/rsyncd.lock"), lines.toString());
        assertTrue(lines.indexOf("lock file = /openim-rsyncd/rsyncd.lock") < lines.indexOf("[workspace]"));
    }

    @Test
    void usersGivenByNameAreLookedUpInTheImage() {
        List<String> named = RsyncContainer.rsyncdConf("/workspace", BuildUser.parse("builder"))
                .lines()
                .map(String::strip)
                .toList();
        assertTrue(named.contains("uid = builder"), named.toString());
        assertTrue(named.contains("gid = *"), "the user's own groups: " + named);
        List<String> bareUid = RsyncContainer.rsyncdConf("/workspace", BuildUser.parse("2345"))
                .lines()
                .map(String::strip)
                .toList();
        assertTrue(bareUid.contains("gid = 0"), "as Docker does for a uid alone: " + bareUid);
    }

    // ---- start/close against the fake engine and a local stand-in for the daemon ----------

    private static final BuildIdentity IDENTITY = new BuildIdentity("0123456789", "1", "g:a");

    /** The user this test runs as: the local daemon may only switch to itself. */
    private static final BuildUser HOST_USER = HostUser.current();

    /** Answers every connection with the rsync daemon greeting, like the real container would. */
    private static ServerSocket fakeDaemon() throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(
                () -> {
                    while (!server.isClosed()) {
                        try (Socket socket = server.accept();
                                OutputStream out = socket.getOutputStream()) {
                            out.write("@RSYNCD: 31.0\n".getBytes(StandardCharsets.US_ASCII));
                        } catch (IOException e) {
                            return;
                        }
                    }
                },
                "fake-rsyncd");
        thread.setDaemon(true);
        thread.start();
        return server;
    }

    /**
     * The stream transport end to end without Docker: the fake engine runs each exec as a local
     * {@code rsync --server --daemon} on the configuration the container would get, and the host's
     * real rsync client syncs a tree in and copies results out through the bridge.
     */
    @Test
    void theStreamTransportCarriesRealRsyncWithoutAnyPublishedPort() throws Exception {
        Path workspace = Files.createDirectories(temp.resolve("container-workspace"));
        Path configDir = Files.createDirectories(temp.resolve("container-config"));
        FakeDockerEngine engine = new FakeDockerEngine();
        engine.execOnHost = command -> command.stream()
                .map(arg -> arg.replace(RsyncContainer.CONFIG_DIR, configDir.toString()))
                .toList();
        RecordingConsole console = new RecordingConsole();
        try (ShutdownCleanup cleanup = new ShutdownCleanup(console)) {
            RsyncContainer daemon = new RsyncContainer(engine, cleanup, console, temp);
            engine.afterCopy = copy -> {
                for (TarReader.Entry entry : TarReader.read(copy.tar())) {
                    String text = entry.text()
                            .replace("path = /workspace", "path = " + workspace)
                            .replace(RsyncContainer.CONFIG_DIR, configDir.toString());
                    if (!HOST_USER.isRoot()) {
                        // Only root may chroot; as anyone else the links part below is skipped.
                        text = text.replace("use chroot = yes", "use chroot = no");
                    }
                    Path file = configDir.resolve(
                            entry.name().substring(entry.name().indexOf('/') + 1));
                    writeQuietly(file, text);
                }
            };
            RsyncEndpoint endpoint = daemon.start(
                    new RsyncContainer.Options(IDENTITY, "img", HOST_USER, "/workspace", 0, SyncTransport.STREAM));

            ContainerSpec spec = engine.createdSpecs.get(0);
            assertTrue(spec.ports().isEmpty(), "nothing is published");
            assertEquals("none", spec.networkMode());
            assertTrue(
                    console.infos.stream().anyMatch(l -> l.contains("syncTransport=stream")), console.infos.toString());

            Path source = Files.createDirectories(temp.resolve("checkout/cmd"));
            Files.writeString(source.resolve("main.go"), "package main\n");
            Map<String, String> links = Map.of(
                    "cmd/absolute", "/etc/hostname",
                    "cmd/relative", "../../go.mod",
                    "cmd/outside", "../elsewhere");
            for (Map.Entry<String, String> link : links.entrySet()) {
                Files.createSymbolicLink(temp.resolve("checkout").resolve(link.getKey()), Path.of(link.getValue()));
            }
            io.openim.maven.sync.RsyncClient client = new io.openim.maven.sync.RsyncClient(console, cleanup);
            client.syncIn(
                    endpoint,
                    new io.openim.maven.sync.RsyncClient.SyncInOptions(temp.resolve("checkout"), List.of(), true, 0));
            assertEquals("package main\n", Files.readString(workspace.resolve("cmd/main.go")));
            if (HOST_USER.isRoot()) {
                // A chrooted daemon takes links as they are; one that cannot chroot rewrites them.
                for (Map.Entry<String, String> link : links.entrySet()) {
                    assertEquals(
                            link.getValue(),
                            Files.readSymbolicLink(workspace.resolve(link.getKey()))
                                    .toString(),
                            link.getKey());
                }
            }

            Files.createDirectories(workspace.resolve("_output/bin"));
            Files.writeString(workspace.resolve("_output/bin/api"), "binary");
            client.copyOut(
                    endpoint,
                    temp.resolve("checkout"),
                    "_output",
                    new io.openim.maven.process.OutputDirectory(temp.resolve("checkout/_output")));
            assertEquals("binary", Files.readString(temp.resolve("checkout/_output/bin/api")));
            // The probe and two transfers, each an exec of its own.
            assertEquals(3, engine.execs.size(), engine.execs.toString());
            daemon.close();
        }
    }

    private static void writeQuietly(Path file, String text) {
        try {
            Files.writeString(file, text);
            if (file.getFileName().toString().endsWith(".secrets")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void startCreatesALoopbackDaemonWithAFreshPasswordAndCloseRemovesIt() throws IOException {
        FakeDockerEngine engine = new FakeDockerEngine();
        RecordingConsole console = new RecordingConsole();
        try (ServerSocket server = fakeDaemon();
                ShutdownCleanup cleanup = new ShutdownCleanup(console)) {
            engine.withPublishedPort(server.getLocalPort());
            RsyncContainer daemon = new RsyncContainer(engine, cleanup, console, temp);

            RsyncEndpoint endpoint = daemon.start(new RsyncContainer.Options(
                    IDENTITY,
                    "openim-build:build-0123456789-1",
                    BuildUser.parse("1000:1001"),
                    "/workspace",
                    0,
                    SyncTransport.PORT));

            assertEquals(server.getLocalPort(), endpoint.port());
            assertEquals("127.0.0.1", endpoint.host());
            assertEquals("openim", endpoint.user());
            assertEquals("workspace", endpoint.module());

            ContainerSpec spec = engine.createdSpecs.get(0);
            assertEquals(IDENTITY.rsyncContainer(), spec.name());
            assertEquals("0:0", spec.user(), "the daemon starts as the container's root and becomes the build user");
            assertEquals(List.of(IDENTITY.dataContainer()), spec.volumesFrom());
            assertEquals(
                    new ContainerSpec.PortBinding("127.0.0.1", 0), spec.ports().get(RsyncContainer.CONTAINER_PORT));
            assertEquals(Role.RSYNC.label(), spec.labels().get(BuildIdentity.LABEL_ROLE));
            assertEquals(List.of(endpoint.containerId()), engine.startedContainers);

            FakeDockerEngine.Copy copy = engine.copies.get(0);
            assertEquals("/", copy.path());
            Map<String, TarReader.Entry> files = TarReader.read(copy.tar()).stream()
                    .collect(Collectors.toMap(TarReader.Entry::name, Function.identity()));
            TarReader.Entry secrets = files.get("openim-rsyncd/rsyncd.secrets");
            assertEquals(0600, secrets.mode());
            // A daemon running as root refuses a secrets file root does not own.
            assertEquals(0, secrets.uid());
            assertEquals(0, secrets.gid());
            assertEquals(
                    RsyncContainer.rsyncdConf("/workspace", BuildUser.parse("1000:1001")),
                    files.get("openim-rsyncd/rsyncd.conf").text());
            String password = Files.readString(endpoint.passwordFile()).strip();
            assertTrue(password.length() >= 32, "a long random password");
            assertEquals("openim:" + password + "\n", secrets.text());

            daemon.close();
            assertTrue(engine.removedContainers.contains(endpoint.containerId()));
            assertFalse(Files.exists(endpoint.passwordFile()), "password file deleted");
        }
    }

    @Test
    void staleDaemonContainerIsReplaced() throws IOException {
        FakeDockerEngine engine = new FakeDockerEngine();
        engine.addContainer("stale", IDENTITY.rsyncContainer(), IDENTITY.labels(Role.RSYNC), true, 0);
        RecordingConsole console = new RecordingConsole();
        try (ServerSocket server = fakeDaemon();
                ShutdownCleanup cleanup = new ShutdownCleanup(console);
                RsyncContainer daemon = new RsyncContainer(engine, cleanup, console, temp)) {
            engine.withPublishedPort(server.getLocalPort());
            daemon.start(
                    new RsyncContainer.Options(IDENTITY, "img", BuildUser.ROOT, "/workspace", 0, SyncTransport.PORT));
            assertEquals("stale", engine.removedContainers.get(0));
            assertEquals(1, engine.createdSpecs.size());
        }
    }

    @Test
    void exitedDaemonWithoutRsyncIsExplained() throws IOException {
        FakeDockerEngine engine = new FakeDockerEngine()
                .failStarts(
                        "exec: \"rsync\": executable file not found in $PATH", EngineException.Reason.NO_EXECUTABLE);
        RecordingConsole console = new RecordingConsole();
        try (ShutdownCleanup cleanup = new ShutdownCleanup(console)) {
            RsyncContainer daemon = new RsyncContainer(engine, cleanup, console, temp);
            OpenImException e = assertThrows(
                    OpenImException.class,
                    () -> daemon.start(new RsyncContainer.Options(
                            IDENTITY, "busybox", BuildUser.ROOT, "/workspace", 0, SyncTransport.PORT)));
            assertTrue(e.getMessage().contains("rsyncImage"), e.getMessage());
            assertTrue(e.getMessage().contains("busybox"), e.getMessage());
            assertTrue(engine.containers().isEmpty(), "the failed container is removed");
            assertEquals(List.of(), passwordFiles(), "no password file is left");
        }
    }

    @Test
    void aTakenPortNamesTheSetting() {
        FakeDockerEngine engine = new FakeDockerEngine()
                .failStarts(
                        "Bind for 127.0.0.1:18730 failed: port is already allocated",
                        EngineException.Reason.PORT_IN_USE);
        RecordingConsole console = new RecordingConsole();
        try (ShutdownCleanup cleanup = new ShutdownCleanup(console)) {
            RsyncContainer daemon = new RsyncContainer(engine, cleanup, console, temp);
            OpenImException e = assertThrows(
                    OpenImException.class,
                    () -> daemon.start(new RsyncContainer.Options(
                            IDENTITY, "img", BuildUser.ROOT, "/workspace", 18730, SyncTransport.PORT)));
            assertTrue(e.getMessage().contains("'rsyncPort' (-Dopenim.rsync.port"), e.getMessage());
            assertTrue(e.getMessage().contains("18730"), e.getMessage());
            assertTrue(engine.containers().isEmpty());
        }
    }

    @Test
    void aPasswordFileOfADeadRunOfThisCheckoutIsRemovedAndNamed() throws IOException {
        // No process has pid 2^22 + 7 on Linux (pid_max is at most 2^22).
        Path stale = Files.writeString(temp.resolve("openim-rsync-" + IDENTITY.hash() + "-4194311-1.pass"), "x");
        Path otherCheckout = Files.writeString(temp.resolve("openim-rsync-fffffffff0-4194311-1.pass"), "x");
        Path ours = RsyncPasswordFile.write(temp, IDENTITY.hash(), "secret", console);
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(otherCheckout), "another checkout's file is its own business");
        assertTrue(console.warnings.stream().anyMatch(w -> w.contains(stale.toString())), console.warnings.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(ours)));
        Path live = RsyncPasswordFile.write(temp, IDENTITY.hash(), "secret", console);
        assertTrue(Files.exists(ours), "a file of a live run (this one) stays");
        RsyncPasswordFile.delete(live);
        RsyncPasswordFile.delete(ours);
    }

    private List<Path> passwordFiles() throws IOException {
        try (var files = Files.list(temp)) {
            return files.filter(f -> f.getFileName().toString().startsWith("openim-rsync-"))
                    .toList();
        }
    }
}
