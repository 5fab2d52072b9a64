package io.openim.maven.containers;

import io.openim.maven.docker.DockerEngine;
import io.openim.maven.docker.ExecStream;
import io.openim.maven.util.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code stream} sync transport: the host's rsync client connects to a port of this JVM on
 * this machine's loopback, and each connection is carried over the engine's API to an
 * {@code rsync --server --daemon} started in the rsync container for it (rsync's daemon protocol
 * over stdin and stdout). The engine publishes no port, so it may be on any machine the plugin
 * reaches; the daemon's password still guards every connection.
 */
final class RsyncStreamBridge implements AutoCloseable {

    private static final int BUFFER = 1 << 16;

    private final DockerEngine engine;
    private final String containerId;
    private final List<String> serverCommand;
    private final Console console;
    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
    private ServerSocket listener;
    private volatile String lastFailure;

    RsyncStreamBridge(DockerEngine engine, String containerId, List<String> serverCommand, Console console) {
        this.engine = engine;
        this.containerId = containerId;
        this.serverCommand = List.copyOf(serverCommand);
        this.console = console;
    }

    /** Starts listening on 127.0.0.1 and returns the port. */
    int start() throws IOException {
        listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "openim-rsync-bridge");
        acceptor.setDaemon(true);
        acceptor.start();
        return listener.getLocalPort();
    }

    /** Why the last connection could not be carried, if one could not; for the error of a failed transfer. */
    String lastFailure() {
        return lastFailure;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            open.add(client);
            Thread connection = new Thread(() -> carry(client), "openim-rsync-bridge-connection");
            connection.setDaemon(true);
            connection.start();
        }
    }

    private void carry(Socket client) {
        ExecStream exec;
        try {
            client.setTcpNoDelay(true);
            exec = engine.execStream(containerId, serverCommand, line -> console.debug("rsync (container): " + line));
        } catch (IOException | RuntimeException e) {
            lastFailure = "could not start rsync in the container over the engine connection: " + e.getMessage();
            console.debug(lastFailure);
            closeQuietly(client);
            open.remove(client);
            return;
        }
        open.add(exec);
        Thread upstream = new Thread(
                () -> {
                    // The client ended the session: end the process's side as well.
                    pump(inputOf(client), exec.input());
                    closeQuietly(exec);
                },
                "openim-rsync-bridge-in");
        upstream.setDaemon(true);
        upstream.start();
        // The process ended (or the engine connection did): the client sees the end of the stream.
        pump(exec.output(), outputOf(client));
        closeQuietly(client);
        closeQuietly(exec);
        try {
            upstream.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        open.remove(client);
        open.remove(exec);
    }

    private static void pump(InputStream from, OutputStream to) {
        if (from == null || to == null) {
            return;
        }
        byte[] buffer = new byte[BUFFER];
        try {
            int n;
            while ((n = from.read(buffer)) >= 0) {
                to.write(buffer, 0, n);
                to.flush();
            }
        } catch (IOException e) {
            // One side went away; the other is closed by the caller.
        }
    }

    private static InputStream inputOf(Socket socket) {
        try {
            return socket.getInputStream();
        } catch (IOException e) {
            return null;
        }
    }

    private static OutputStream outputOf(Socket socket) {
        try {
            return socket.getOutputStream();
        } catch (IOException e) {
            return null;
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Already closed or gone.
        }
    }

    @Override
    public void close() {
        if (listener != null) {
            closeQuietly(listener);
        }
        open.forEach(RsyncStreamBridge::closeQuietly);
        open.clear();
    }
}
