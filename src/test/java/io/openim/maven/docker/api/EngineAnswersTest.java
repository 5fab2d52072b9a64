package io.openim.maven.docker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openim.maven.docker.ContainerOutput;
import io.openim.maven.docker.DockerEngine;
import io.openim.maven.docker.EngineException;
import io.openim.maven.docker.discovery.EngineEndpoint;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * What the plugin says when something answers like an engine and then does not: each malformed or
 * missing answer is a failure naming the engine, the request and what came back, never a parser's
 * text and never "lost the connection" when an answer came.
 */
class EngineAnswersTest {

    private static EngineException inspectFails(Function<String, String> answer, Duration timeout) throws Exception {
        try (ImpostorServer impostor = new ImpostorServer(answer);
                DockerEngine engine = EngineOpener.open(EngineEndpoint.plain(impostor.host(), "dockerHost"), timeout)) {
            return assertThrows(EngineException.class, () -> engine.inspectImage("openim-build:x"));
        }
    }

    private static EngineException inspectFails(Function<String, String> answer) throws Exception {
        return inspectFails(answer, Duration.ofSeconds(5));
    }

    private static void assertPlain(String message) {
        for (String internal : new String[] {
            "Unexpected character", "For input string", "radix", "Exception", "com.fasterxml", "org.apache"
        }) {
            assertFalse(message.contains(internal), "internal text in: " + message);
        }
        assertFalse(message.contains("Lost the connection"), message);
    }

    @Test
    void htmlInsteadOfJsonIsShownAsWhatCameBack() throws Exception {
        EngineException e = inspectFails(line -> ImpostorServer.thenClose(
                ImpostorServer.reply("200 OK", "text/html", "<html><body><h1>Welcome</h1></body></html>\n")));
        String message = e.getMessage();
        assertTrue(message.contains("tcp://127.0.0.1:"), message);
        assertTrue(message.contains("inspect image openim-build:x"), message);
        assertTrue(message.contains("not JSON (status 200, text/html): '<html><body><h1>Welcome</h1>"), message);
        assertTrue(message.contains("\\n'"), "the newline is shown escaped: " + message);
        assertEquals(EngineException.Reason.BAD_ANSWER, e.reason());
        assertPlain(message);
    }

    @Test
    void aBrokenChunkSizeIsNamed() throws Exception {
        EngineException e = inspectFails(line -> ImpostorServer.thenClose(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "zz\r\n{\"Id\":1}\r\n0\r\n\r\n"));
        String message = e.getMessage();
        assertTrue(message.contains("inspect image openim-build:x"), message);
        assertTrue(message.contains("broken chunked body"), message);
        assertTrue(message.contains("zz"), message);
        assertPlain(message);
    }

    @Test
    void anAnswerCutOffInItsHeadersIsNotALostConnection() throws Exception {
        EngineException e = inspectFails(
                line -> ImpostorServer.thenClose("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Len"));
        String message = e.getMessage();
        assertTrue(message.contains("inspect image openim-build:x"), message);
        assertEquals(EngineException.Reason.BAD_ANSWER, e.reason(), message);
        assertPlain(message);
    }

    @Test
    void aWrongContentTypeIsNamed() throws Exception {
        EngineException e = inspectFails(line ->
                ImpostorServer.thenClose("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nOK"));
        String message = e.getMessage();
        assertTrue(message.contains("(status 200, text/plain): 'OK'"), message);
        assertPlain(message);
    }

    @Test
    void anErrorPageInsteadOfADockerErrorIsShown() throws Exception {
        EngineException e = inspectFails(line -> ImpostorServer.thenClose(
                ImpostorServer.reply("502 Bad Gateway", "text/html", "<h1>502 Bad Gateway</h1>")));
        String message = e.getMessage();
        assertTrue(message.contains("with status 502 and not a Docker error: '<h1>502 Bad Gateway</h1>'"), message);
        assertPlain(message);
    }

    @Test
    void anEngineThatGoesSilentAfterVersionIsBoundedAndNamed() throws Exception {
        long start = System.nanoTime();
        EngineException e = inspectFails(line -> null, Duration.ofSeconds(2));
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        String message = e.getMessage();
        assertTrue(seconds < 10, "waited " + seconds + " s");
        assertTrue(message.contains("did not answer within 2 s when asked to inspect image openim-build:x"), message);
        assertTrue(message.contains("-Dopenim.engine.timeout"), message);
        assertEquals(EngineException.Reason.NO_ANSWER, e.reason());
    }

    @Test
    void theDockerErrorItselfStaysTheEnginesWords() throws Exception {
        try (ImpostorServer impostor = new ImpostorServer(line -> ImpostorServer.thenClose(
                        "HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: 24\r\n\r\n"
                                + "{\"message\":\"disk full\"}\n"));
                DockerEngine engine =
                        EngineOpener.open(EngineEndpoint.plain(impostor.host(), "dockerHost"), Duration.ofSeconds(5))) {
            EngineException e = assertThrows(EngineException.class, () -> engine.inspectContainer("c"));
            assertEquals(
                    "Docker engine at " + impostor.host() + " could not inspect container c: disk full",
                    e.getMessage());
        }
    }

    @Test
    void aTypedCallGettingHtmlSaysSoToo() throws Exception {
        try (ImpostorServer impostor = new ImpostorServer(line -> ImpostorServer.thenClose(
                        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 13\r\n\r\n<html></html>"));
                DockerEngine engine =
                        EngineOpener.open(EngineEndpoint.plain(impostor.host(), "dockerHost"), Duration.ofSeconds(5))) {
            EngineException e = assertThrows(EngineException.class, () -> engine.inspectContainer("c"));
            assertTrue(e.getMessage().contains("inspect container c with something that is not JSON"), e.getMessage());
            assertTrue(e.getMessage().contains("'<html></html>'"), e.getMessage());
            assertPlain(e.getMessage());
        }
    }

    @Test
    void aStreamWhoseEngineStopsAnsweringPingsEnds() throws Exception {
        try (ImpostorServer impostor = new ImpostorServer(line -> line.contains("/attach")
                        ? "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\n"
                        : null);
                DockerEngine engine =
                        EngineOpener.open(EngineEndpoint.plain(impostor.host(), "dockerHost"), Duration.ofSeconds(2))) {
            ContainerOutput output = engine.attachOutput("c");
            // Quiet, but the engine still answers pings: the stream waits.
            Thread.sleep(3000);
            impostor.stopAnsweringPings();
            long start = System.nanoTime();
            EngineException e = assertThrows(EngineException.class, () -> output.follow(lines -> {}));
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertTrue(seconds < 10, "waited " + seconds + " s");
            assertEquals(EngineException.Reason.NO_ANSWER, e.reason(), e.getMessage());
            assertTrue(
                    e.getMessage().contains("stopped answering while trying to follow the output of container c"),
                    e.getMessage());
            assertTrue(
                    e.getMessage().contains("it did not answer within 2 s when asked to answer a ping"),
                    e.getMessage());
        }
    }

    @Test
    void onAUnixSocketASilentStreamIsCutToo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        try (ImpostorServer impostor = new ImpostorServer(
                        line -> line.contains("/attach")
                                ? "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\n"
                                : null,
                        dir.resolve("engine.sock"));
                DockerEngine engine =
                        EngineOpener.open(EngineEndpoint.plain(impostor.host(), "dockerHost"), Duration.ofSeconds(2))) {
            ContainerOutput output = engine.attachOutput("c");
            impostor.stopAnsweringPings();
            long start = System.nanoTime();
            EngineException e = assertThrows(EngineException.class, () -> output.follow(lines -> {}));
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertTrue(seconds < 10, "waited " + seconds + " s");
            assertEquals(EngineException.Reason.NO_ANSWER, e.reason(), e.getMessage());
            // The clean-up after it is bounded as well.
            long cleanup = System.nanoTime();
            assertThrows(EngineException.class, () -> engine.removeContainer("c"));
            assertTrue((System.nanoTime() - cleanup) / 1_000_000_000L < 5);
        }
    }
}
