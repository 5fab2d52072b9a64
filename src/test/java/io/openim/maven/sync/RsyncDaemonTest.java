package io.openim.maven.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.openim.maven.OpenImException;
import io.openim.maven.docker.ContainerSpec;
import io.openim.maven.docker.FakeDockerEngine;
import io.openim.maven.naming.BuildIdentity;
import io.openim.maven.naming.Role;
import io.openim.maven.run.InterruptCleanup;
import io.openim.maven.util.RecordingConsole;
import io.openim.maven.util.TarReader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RsyncDaemonTest {

    @Test
    void configServesTheRemoteRootToThePasswordUserFromAnyHost() {
        String conf = RsyncDaemon.rsyncdConf("/go/src/openim", 1000, 1001);
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
        assertTrue(lines.contains("use chroot = no"), conf);
        assertTrue(lines.contains("filter = - /_tmp/"), conf);
        int module = lines.indexOf("[workspace]");
        for (String setting : List.of("path = /go/src/openim", "uid = 1000", "auth users = openim")) {
            assertTrue(module < lines.indexOf(setting), setting + " belongs to the module: " + conf);
        }
    }

    @Test
    void numericIdsOfUidAndGid() {
        assertArrayEquals(new int[] {1000, 1001}, RsyncDaemon.numericIds("1000:1001"));
        assertArrayEquals(new int[] {1000, 1000}, RsyncDaemon.numericIds("1000"));
        assertArrayEquals(new int[] {0, 0}, RsyncDaemon.numericIds("0:0"));
    }

    @Test
    void namesAndMissingUsersFallBackToRoot() {
        assertArrayEquals(new int[] {0, 0}, RsyncDaemon.numericIds(null));
        assertArrayEquals(new int[] {0, 0}, RsyncDaemon.numericIds("builder"));
        assertArrayEquals(new int[] {0, 0}, RsyncDaemon.numericIds("1000:staff"));
    }

    // ---- start/close against the fake engine and a local stand-in for the daemon ----------

    private static final BuildIdentity IDENTITY = new BuildIdentity("0123456789", "1", "g:a");

    /** Answers every connection with the rsync daemon greeting, like the real container would. */
    private static ServerSocket fakeDaemon() throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept(); OutputStream out = socket.getOutputStream()) {
                    out.write("@RSYNCD: 31.0\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    return;
                }
            }
        }, "fake-rsyncd");
        thread.setDaemon(true);
        thread.start();
        return server;
    }

    @Test
    void startCreatesALoopbackDaemonWithAFreshPasswordAndCloseRemovesIt() throws IOException {
        FakeDockerEngine engine = new FakeDockerEngine();
        RecordingConsole console = new RecordingConsole();
        try (ServerSocket server = fakeDaemon(); InterruptCleanup cleanup = new InterruptCleanup(engine, console)) {
            engine.withPublishedPort(server.getLocalPort());
            RsyncDaemon daemon = new RsyncDaemon(engine, cleanup, console);

            RsyncEndpoint endpoint = daemon.start(
                    new RsyncDaemon.Options(IDENTITY, "openim-build:build-0123456789-1", "1000:1001", "/workspace", 0));

            assertEquals(server.getLocalPort(), endpoint.port());
            assertEquals("127.0.0.1", endpoint.host());
            assertEquals("openim", endpoint.user());
            assertEquals("workspace", endpoint.module());

            ContainerSpec spec = engine.createdSpecs.get(0);
            assertEquals(IDENTITY.rsyncContainer(), spec.name());
            assertEquals("1000:1001", spec.user());
            assertEquals(List.of(IDENTITY.dataContainer()), spec.volumesFrom());
            assertEquals(new ContainerSpec.PortBinding("127.0.0.1", 0), spec.ports().get(RsyncDaemon.CONTAINER_PORT));
            assertEquals(Role.RSYNC.label(), spec.labels().get(BuildIdentity.LABEL_ROLE));
            assertEquals(List.of(endpoint.containerId()), engine.startedContainers);

            FakeDockerEngine.Copy copy = engine.copies.get(0);
            assertEquals("/", copy.path());
            Map<String, TarReader.Entry> files = TarReader.read(copy.tar()).stream()
                    .collect(Collectors.toMap(TarReader.Entry::name, Function.identity()));
            TarReader.Entry secrets = files.get("openim-rsyncd/rsyncd.secrets");
            assertEquals(0600, secrets.mode());
            assertEquals(1000, secrets.uid());
            assertEquals(1001, secrets.gid());
            assertEquals(RsyncDaemon.rsyncdConf("/workspace", 1000, 1001), files.get("openim-rsyncd/rsyncd.conf").text());
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
        try (ServerSocket server = fakeDaemon(); InterruptCleanup cleanup = new InterruptCleanup(engine, console);
                RsyncDaemon daemon = new RsyncDaemon(engine, cleanup, console)) {
            engine.withPublishedPort(server.getLocalPort());
            daemon.start(new RsyncDaemon.Options(IDENTITY, "img", "0:0", "/workspace", 0));
            assertEquals("stale", engine.removedContainers.get(0));
            assertEquals(1, engine.createdSpecs.size());
        }
    }

    @Test
    void exitedDaemonWithoutRsyncIsExplained() {
        FakeDockerEngine engine = new FakeDockerEngine()
                .failStarts("exec: \"rsync\": executable file not found in $PATH");
        RecordingConsole console = new RecordingConsole();
        try (InterruptCleanup cleanup = new InterruptCleanup(engine, console)) {
            RsyncDaemon daemon = new RsyncDaemon(engine, cleanup, console);
            OpenImException e = assertThrows(OpenImException.class,
                    () -> daemon.start(new RsyncDaemon.Options(IDENTITY, "busybox", "0:0", "/workspace", 0)));
            assertTrue(e.getMessage().contains("rsyncImage"), e.getMessage());
            assertTrue(e.getMessage().contains("busybox"), e.getMessage());
            assertTrue(engine.containers().isEmpty(), "the failed container is removed");
        }
    }
}
