package io.openim.maven.docker.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openim.maven.docker.DockerEngine;
import io.openim.maven.docker.EngineException;
import io.openim.maven.docker.EngineUnavailableException;
import io.openim.maven.docker.FakeDockerEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineConnectorTest {

    private final List<String> warnings = new ArrayList<>();
    private final List<String> opened = new ArrayList<>();

    private static final EngineEndpoint FIRST = EngineEndpoint.plain("tcp://first:2375", "dockerHost");
    private static final EngineEndpoint SECOND = EngineEndpoint.plain("unix:///var/run/docker.sock", "system socket");
    private static final EngineEndpoint THIRD =
            EngineEndpoint.plain("unix:///home/me/.docker/run/docker.sock", "user socket");

    private EngineConnector connector(Map<String, DockerEngine> answering) {
        return new EngineConnector(
                endpoint -> {
                    opened.add(endpoint.host());
                    DockerEngine engine = answering.get(endpoint.host());
                    if (engine == null) {
                        throw new IllegalStateException("Connection refused");
                    }
                    return engine;
                },
                warnings::add);
    }

    @Test
    void firstAnsweringEndpointWins() {
        FakeDockerEngine second = new FakeDockerEngine(SECOND.host());
        FakeDockerEngine third = new FakeDockerEngine(THIRD.host());

        DockerEngine engine =
                connector(Map.of(SECOND.host(), second, THIRD.host(), third)).connect(List.of(FIRST, SECOND, THIRD));

        assertSame(second, engine);
        assertEquals(List.of(FIRST.host(), SECOND.host()), opened, "stops at the first engine that answers");
        assertFalse(second.closed());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("tcp://first:2375"), warnings.get(0));
    }

    @Test
    void noWarningWhenTheFirstEndpointAnswers() {
        FakeDockerEngine first = new FakeDockerEngine(FIRST.host());
        assertSame(first, connector(Map.of(FIRST.host(), first)).connect(List.of(FIRST, SECOND)));
        assertEquals(List.of(), warnings);
    }

    @Test
    void allFailingListsEveryEndpoint() {
        EngineUnavailableException e = assertThrows(
                EngineUnavailableException.class, () -> connector(Map.of()).connect(List.of(SECOND, THIRD)));
        String message = e.getMessage();
        for (EngineEndpoint endpoint : List.of(SECOND, THIRD)) {
            assertTrue(message.contains(endpoint.host()), message);
            assertTrue(message.contains(endpoint.source()), message);
        }
        assertTrue(message.contains("nothing listens"), message);
        assertTrue(message.indexOf(SECOND.host()) < message.indexOf(THIRD.host()), "listed in order: " + message);
        assertTrue(message.contains("openim.docker.host"), message);
    }

    // ---- one reason, one fix per kind of failure ---------------------------------------------

    private static final EngineEndpoint REMOTE_TLS = new EngineEndpoint(
            "tcp://10.0.0.2:2376",
            "dockerHost",
            new EngineTls(java.nio.file.Path.of("/certs"), true, "'dockerCertPath'"));

    private static String failWith(EngineEndpoint endpoint, Throwable failure) {
        EngineConnector connector = new EngineConnector(
                e -> {
                    throw new java.io.UncheckedIOException(new java.io.IOException("wrapped", failure));
                },
                message -> {});
        return assertThrows(EngineUnavailableException.class, () -> connector.connect(List.of(endpoint)))
                .getMessage();
    }

    @Test
    void onlyALocalEngineWhereNothingListensIsToldToStartDocker() {
        String noSocket = failWith(SECOND, new java.net.SocketException("No such file or directory"));
        assertTrue(noSocket.contains("no socket at /var/run/docker.sock"), noSocket);
        assertTrue(noSocket.contains("Start Docker"), noSocket);
        String stopped = failWith(SECOND, new java.net.ConnectException("Connection refused"));
        assertTrue(stopped.contains("nothing listens on it"), stopped);
        assertTrue(stopped.contains("Start Docker"), stopped);
        String loopback = failWith(
                EngineEndpoint.plain("tcp://127.0.0.1:2375", "DOCKER_HOST"),
                new java.net.ConnectException("Connection refused"));
        assertTrue(loopback.contains("nothing listens on 127.0.0.1:2375"), loopback);

        String remote = failWith(FIRST, new java.net.ConnectException("Connection refused"));
        assertTrue(remote.contains("first refused the connection on port 2375"), remote);
        assertFalse(remote.contains("Start Docker"), remote);
    }

    @Test
    void tlsFailuresNameTheFileToFix() {
        String untrusted = failWith(
                REMOTE_TLS,
                new javax.net.ssl.SSLHandshakeException(
                        "PKIX path building failed: unable to find valid certification path to requested target"));
        assertTrue(untrusted.contains("not signed by the authority in /certs/ca.pem"), untrusted);
        String client =
                failWith(REMOTE_TLS, new javax.net.ssl.SSLHandshakeException("Received fatal alert: bad_certificate"));
        assertTrue(client.contains("wants a client certificate and /certs has none"), client);
        String notTls = failWith(REMOTE_TLS, new javax.net.ssl.SSLException("Unsupported or unrecognized SSL message"));
        assertTrue(notTls.contains("does not speak TLS"), notTls);
        assertTrue(notTls.contains("'dockerTlsVerify'"), notTls);
        String name = failWith(
                REMOTE_TLS,
                new javax.net.ssl.SSLHandshakeException(
                        "No subject alternative names matching IP address 10.0.0.2 found"));
        assertTrue(name.contains("does not name 10.0.0.2"), name);
        for (String message : List.of(untrusted, client, notTls, name)) {
            assertFalse(message.contains("Start Docker"), message);
        }
    }

    @Test
    void silenceIsReportedAsSilenceNamingTheEndpoint() {
        String connect = failWith(REMOTE_TLS, new java.net.SocketTimeoutException("Connect timed out"));
        assertTrue(connect.contains("no connection to 10.0.0.2:2376 within 10 s"), connect);
        String answer = failWith(REMOTE_TLS, new java.net.SocketTimeoutException("Read timed out"));
        assertTrue(answer.contains("accepted, but nothing answered /version within 30 s"), answer);
        assertTrue(answer.startsWith("The Docker engine at tcp://10.0.0.2:2376"), answer);
    }

    @Test
    void tooOldEngineIsRefusedAndClosed() {
        FakeDockerEngine old = new FakeDockerEngine(FIRST.host()).withApiVersion("1.40");
        EngineException e = assertThrows(
                EngineException.class,
                () -> connector(Map.of(FIRST.host(), old)).connect(List.of(FIRST, SECOND)));
        assertTrue(e.getMessage().contains("1.41"), e.getMessage());
        assertTrue(e.getMessage().contains("1.40"), e.getMessage());
        assertTrue(old.closed());
    }

    @Test
    void minimumApiIsAccepted() {
        FakeDockerEngine exact = new FakeDockerEngine(FIRST.host()).withApiVersion("1.41");
        assertSame(exact, connector(Map.of(FIRST.host(), exact)).connect(List.of(FIRST)));
        FakeDockerEngine newer = new FakeDockerEngine(FIRST.host()).withApiVersion("1.100");
        assertSame(newer, connector(Map.of(FIRST.host(), newer)).connect(List.of(FIRST)));
    }
}
