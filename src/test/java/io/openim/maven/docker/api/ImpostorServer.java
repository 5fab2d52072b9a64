package io.openim.maven.docker.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Something that answers like a Docker engine at first and then misbehaves: a small HTTP/1.1
 * server on loopback that answers {@code /version}, {@code /_ping} and {@code /info} as an engine
 * would and every other request with what {@code answer} says (null: never answers).
 */
final class ImpostorServer implements AutoCloseable {

    static final String VERSION =
            "{\"Version\":\"20.10.24\",\"ApiVersion\":\"1.41\",\"Os\":\"linux\",\"Arch\":\"amd64\"}";

    private final ServerSocket server;
    private final java.nio.channels.ServerSocketChannel unixServer;
    private final java.nio.file.Path unixPath;
    private final Function<String, String> answer;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean pingsAnswered = true;

    ImpostorServer(Function<String, String> answer) throws IOException {
        this.answer = answer;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        unixServer = null;
        unixPath = null;
        Thread acceptor = new Thread(this::acceptLoop, "impostor-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The same on a Unix socket at {@code path}, where a read has no timeout of its own. */
    ImpostorServer(Function<String, String> answer, java.nio.file.Path path) throws IOException {
        this.answer = answer;
        server = null;
        unixPath = path;
        java.nio.file.Files.deleteIfExists(path);
        unixServer = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX);
        unixServer.bind(java.net.UnixDomainSocketAddress.of(path));
        Thread acceptor = new Thread(this::acceptUnixLoop, "impostor-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String host() {
        return unixPath != null ? "unix://" + unixPath : "tcp://127.0.0.1:" + server.getLocalPort();
    }

    private final List<java.nio.channels.SocketChannel> openChannels = new CopyOnWriteArrayList<>();

    private void acceptUnixLoop() {
        while (unixServer.isOpen()) {
            try {
                java.nio.channels.SocketChannel channel = unixServer.accept();
                openChannels.add(channel);
                Thread connection = new Thread(
                        () -> {
                            try (channel) {
                                serve(
                                        java.nio.channels.Channels.newInputStream(channel),
                                        java.nio.channels.Channels.newOutputStream(channel));
                            } catch (IOException e) {
                                // The client went away.
                            }
                        },
                        "impostor-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /** From now on pings get no answer either, as from an engine that hangs. */
    void stopAnsweringPings() {
        pingsAnswered = false;
    }

    static String json(String body) {
        return reply("200 OK", "application/json", body);
    }

    static String reply(String status, String contentType, String body) {
        return "HTTP/1.1 " + status + "\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                Thread connection = new Thread(() -> serve(socket), "impostor-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            serve(socket.getInputStream(), socket.getOutputStream());
        } catch (IOException e) {
            // The client went away.
        }
    }

    private void serve(InputStream in, OutputStream out) throws IOException {
        {
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                skipBody(in, head);
                String requestLine = head.lines().findFirst().orElse("");
                String reply;
                if (requestLine.contains(" /version ")) {
                    reply = json(VERSION);
                } else if (requestLine.contains(" /_ping ")) {
                    reply = pingsAnswered ? "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nOK" : null;
                } else if (requestLine.contains(" /info ")) {
                    reply = json("{\"SecurityOptions\":[]}");
                } else {
                    reply = answer.apply(requestLine);
                }
                if (reply == null) {
                    // Silent: hold the connection until closed.
                    while (in.read() >= 0) {}
                    return;
                }
                boolean close = reply.endsWith(CLOSE);
                out.write(reply.substring(0, reply.length() - (close ? CLOSE.length() : 0))
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (close) {
                    return;
                }
            }
        }
    }

    /** A reply that is written as it is and then the connection is closed. */
    static String thenClose(String reply) {
        return reply + CLOSE;
    }

    private static final String CLOSE = "\u0000close";

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static void skipBody(InputStream in, String head) throws IOException {
        for (String line : head.split("\r\n")) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                in.readNBytes(Integer.parseInt(line.substring(15).trim()));
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.close();
        }
        if (unixServer != null) {
            unixServer.close();
            java.nio.file.Files.deleteIfExists(unixPath);
        }
        for (Socket socket : open) {
            socket.close();
        }
        for (java.nio.channels.SocketChannel channel : openChannels) {
            channel.close();
        }
    }
}
