package io.openim.maven.docker.api;

import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import io.openim.maven.docker.EngineException;
import io.openim.maven.docker.ExecStream;
import io.openim.maven.util.LineSplitter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * A process started in a container with its stdin and stdout carried over the engine connection
 * (the rsync stream transport): docker-java's transport upgrades the exec's start request and
 * copies {@code hijackedInput} to the connection on a thread of its own; the answer's body is the
 * process's multiplexed output, split here into stdout (read by the caller) and stderr lines.
 */
final class HijackedExec implements ExecStream {

    private final BytePipe stdin;
    private final Response response;
    private final Demultiplexed stdout;

    private HijackedExec(Response response, Consumer<String> errors, BytePipe stdin) {
        this.stdin = stdin;
        this.response = response;
        this.stdout = new Demultiplexed(response.getBody(), errors);
    }

    static ExecStream start(
            EngineCalls calls, EngineTransport transport, String execId, String what, Consumer<String> errors) {
        return calls.call(what, () -> {
            BytePipe stdin = new BytePipe(64 * 1024);
            Request request = Request.builder()
                    .method(Request.Method.POST)
                    .path("/exec/" + execId + "/start")
                    .putHeader("Content-Type", "application/json")
                    .bodyBytes("{\"Detach\":false,\"Tty\":false}".getBytes(StandardCharsets.UTF_8))
                    .hijackedInput(stdin.source())
                    .build();
            Response response = QuietStreams.execute(() -> transport.execute(request));
            if (response.getStatusCode() >= 300) {
                try (response) {
                    String body = new String(response.getBody().readNBytes(64 * 1024), StandardCharsets.UTF_8);
                    throw calls.statusError(what, response.getStatusCode(), body);
                }
            }
            return new HijackedExec(response, errors, stdin);
        });
    }

    @Override
    public InputStream output() {
        return stdout;
    }

    @Override
    public OutputStream input() {
        return stdin.sink();
    }

    @Override
    public void close() {
        // The end of stdin first, so the transport's copying thread ends; then the connection.
        stdin.closeSink();
        response.close();
    }

    /** The process's stdout, with its stderr frames taken out and handed on as lines. */
    private static final class Demultiplexed extends InputStream {
        private final InputStream in;
        private final LineSplitter errors;
        private final byte[] header = new byte[8];
        private long remaining;
        private boolean ended;

        Demultiplexed(InputStream in, Consumer<String> errors) {
            this.in = in;
            this.errors = LineSplitter.eachLine(errors);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int read = read(one, 0, 1);
            return read < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (remaining == 0) {
                if (ended || !nextStdoutFrame()) {
                    ended = true;
                    errors.flush();
                    return -1;
                }
            }
            int read = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (read < 0) {
                throw new IOException("the exec's output ended inside a frame");
            }
            remaining -= read;
            return read;
        }

        /** Reads frame headers, passing stderr payloads on, until a stdout frame; false at the end. */
        private boolean nextStdoutFrame() throws IOException {
            while (true) {
                int got = in.readNBytes(header, 0, 8);
                if (got == 0) {
                    return false;
                }
                if (got < 8) {
                    throw new IOException("the exec's output ended inside a frame header");
                }
                long size = ((header[4] & 0xFFL) << 24)
                        | ((header[5] & 0xFF) << 16)
                        | ((header[6] & 0xFF) << 8)
                        | (header[7] & 0xFF);
                if (header[0] != OutputFrames.STDERR) {
                    remaining = size;
                    if (size > 0) {
                        return true;
                    }
                    continue;
                }
                byte[] text = in.readNBytes((int) size);
                if (text.length < size) {
                    throw new IOException("the exec's output ended inside a frame");
                }
                errors.accept(text);
            }
        }
    }

    /**
     * Runs the hijacking request on a thread of a group that keeps quiet about the transport's
     * copying thread: that thread (created in the group of the thread that made the request)
     * throws when the connection closes under it, which would otherwise print a stack trace.
     */
    static final class QuietStreams {
        private static final ThreadGroup GROUP = new ThreadGroup("openim-engine-streams") {
            @Override
            public void uncaughtException(Thread thread, Throwable e) {
                // The end of a hijacked connection; the stream's reader reports what matters.
            }
        };

        private QuietStreams() {}

        interface Request<T> {
            T run() throws IOException;
        }

        static <T> T execute(Request<T> request) throws IOException {
            CompletableFuture<T> result = new CompletableFuture<>();
            Thread thread = new Thread(
                    GROUP,
                    () -> {
                        try {
                            result.complete(request.run());
                        } catch (Throwable t) {
                            result.completeExceptionally(t);
                        }
                    },
                    "openim-engine-hijack");
            thread.setDaemon(true);
            thread.start();
            try {
                return result.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException("Interrupted while starting a process in a container");
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof IOException io) {
                    throw io;
                }
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(cause);
            }
        }
    }
}
