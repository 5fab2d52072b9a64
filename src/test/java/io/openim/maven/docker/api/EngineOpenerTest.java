package io.openim.maven.docker.api;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openim.maven.docker.EngineUnavailableException;
import io.openim.maven.docker.discovery.EngineConnector;
import io.openim.maven.docker.discovery.EngineEndpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What opening an endpoint says when what answers is not a Docker engine speaking plain HTTP. */
class EngineOpenerTest {

    /** Answers every connection with {@code reply} once, as a canned HTTP server. */
    private static ServerSocket answering(String reply) throws IOException {
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    socket.getInputStream().read(new byte[4096]);
                    OutputStream out = socket.getOutputStream();
                    out.write(reply.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException e) {
                    return;
                }
            }
        });
        thread.setDaemon(true);
        thread.start();
        return server;
    }

    private static String openFails(ServerSocket server) {
        EngineEndpoint target = EngineEndpoint.plain("tcp://127.0.0.1:" + server.getLocalPort(), "dockerHost");
        EngineConnector connector = new EngineConnector(
                endpoint -> EngineOpener.open(endpoint, java.time.Duration.ofSeconds(5)), message -> {});
        return assertThrows(EngineUnavailableException.class, () -> connector.connect(List.of(target)))
                .getMessage();
    }

    @Test
    void plainTextToATlsEngineSaysToTurnTlsOn() throws IOException {
        // What dockerd answers plain HTTP on its TLS port.
        try (ServerSocket server =
                answering("HTTP/1.0 400 Bad Request\r\n\r\n" + "Client sent an HTTP request to an HTTPS server.\n")) {
            String message = openFails(server);
            assertTrue(message.contains("speaks TLS and was spoken to in plain text"), message);
            assertTrue(message.contains("-Dopenim.docker.tls.verify=true"), message);
        }
    }

    @Test
    void somethingElseThanAnEngineIsNamedAsSuch() throws IOException {
        try (ServerSocket server = answering("HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot here\n")) {
            String message = openFails(server);
            assertTrue(message.contains("no Docker reply ('not here'): it is not a Docker engine"), message);
        }
    }

    @Test
    void aRefusedPortOnThisMachineSaysNothingListens() throws IOException {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        EngineEndpoint target = EngineEndpoint.plain("tcp://127.0.0.1:" + port, "DOCKER_HOST");
        EngineConnector connector = new EngineConnector(
                endpoint -> EngineOpener.open(endpoint, java.time.Duration.ofSeconds(5)), message -> {});
        String message = assertThrows(EngineUnavailableException.class, () -> connector.connect(List.of(target)))
                .getMessage();
        assertTrue(message.contains("nothing listens on 127.0.0.1:" + port), message);
        assertTrue(message.contains("Start Docker"), message);
    }
}
