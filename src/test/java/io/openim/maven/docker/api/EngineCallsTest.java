package io.openim.maven.docker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.transport.DockerHttpClient;
import io.openim.maven.docker.EngineException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EngineCallsTest {

    /** A transport whose every answer is silent until the client is closed (the transport cut). */
    private static final class SilentClient implements DockerHttpClient {
        private final CountDownLatch closed = new CountDownLatch(1);

        @Override
        public Response execute(Request request) {
            return new Response() {
                @Override
                public int getStatusCode() {
                    return 200;
                }

                @Override
                public Map<String, List<String>> getHeaders() {
                    return Map.of();
                }

                @Override
                public String getHeader(String name) {
                    return null;
                }

                @Override
                public InputStream getBody() {
                    return new InputStream() {
                        @Override
                        public int read() throws IOException {
                            try {
                                closed.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            throw new IOException("Socket closed");
                        }
                    };
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    private static DockerHttpClient.Request request(String path) {
        return DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path(path)
                .build();
    }

    @Test
    void aPingWithoutAnswerEndsTheStreamWithOneCutOnly() throws Exception {
        AtomicInteger clients = new AtomicInteger();
        EngineTransport transport = new EngineTransport(() -> {
            clients.incrementAndGet();
            return new SilentClient();
        });
        try (EngineCalls calls = new EngineCalls("unix:///engine.sock", transport, Duration.ofSeconds(1))) {
            calls.pingWith(() -> {
                try {
                    transport.execute(request("/_ping")).getBody().read();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            EngineException e = assertThrows(
                    EngineException.class,
                    () -> calls.stream(
                            "follow the output of container c",
                            watch -> watch.watched(transport
                                            .execute(request("/containers/c/attach"))
                                            .getBody())
                                    .read()));
            assertEquals(EngineException.Reason.NO_ANSWER, e.reason(), e.getMessage());
            assertTrue(
                    e.getMessage().contains("it did not answer within 1 s when asked to answer a ping"),
                    e.getMessage());
            // The ping's own failure comes a moment later, on its thread: it must not cut again,
            // or the goal's next request (its clean-up) is cut while it connects.
            TimeUnit.MILLISECONDS.sleep(500);
            assertEquals(1, transport.cuts());
        }
    }
}
