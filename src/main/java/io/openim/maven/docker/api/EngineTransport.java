package io.openim.maven.docker.api;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The engine's HTTP transport: docker-java's httpclient5 client for one endpoint, behind a
 * {@link DockerHttpClient} that adds two things the plugin needs.
 *
 * <ul>
 *   <li>It remembers, per thread, the head of the last answer (status, content type, first bytes),
 *       so that a failure can say what came back instead of a parser's exception.
 *   <li>It can be cut: closing the client closes every connection, leased ones too, which ends a
 *       read no timeout of the transport ends (httpclient5's response timeout does not bound a read
 *       on the JDK's Unix socket channel). The requests after a cut (the goal's clean-up) get a
 *       fresh client.
 * </ul>
 */
final class EngineTransport implements DockerHttpClient {

    private final Supplier<DockerHttpClient> opener;
    private final ThreadLocal<Answer> lastAnswer = new ThreadLocal<>();
    private DockerHttpClient client;
    private long cuts;
    private boolean closed;

    EngineTransport(Supplier<DockerHttpClient> opener) {
        this.opener = opener;
    }

    private synchronized DockerHttpClient client() {
        if (closed) {
            throw new IllegalStateException("the engine connection is closed");
        }
        if (client == null) {
            client = opener.get();
        }
        return client;
    }

    @Override
    public Response execute(Request request) {
        lastAnswer.remove();
        Response response = client().execute(request);
        Answer answer = new Answer(response.getStatusCode(), response.getHeader("Content-Type"));
        lastAnswer.set(answer);
        return new RecordedResponse(response, answer);
    }

    /** What came back for this thread's last request, or null when no answer arrived. */
    Answer lastAnswer() {
        return lastAnswer.get();
    }

    /** How many times the transport was cut so far; a call compares it before and after. */
    synchronized long cuts() {
        return cuts;
    }

    /** Closes every connection; requests under way fail, later ones open a new client. */
    void cut() {
        DockerHttpClient old;
        synchronized (this) {
            old = client;
            client = null;
            cuts++;
        }
        closeQuietly(old);
    }

    @Override
    public void close() {
        DockerHttpClient old;
        synchronized (this) {
            old = client;
            client = null;
            closed = true;
        }
        closeQuietly(old);
    }

    private static void closeQuietly(DockerHttpClient client) {
        if (client == null) {
            return;
        }
        try {
            client.close();
        } catch (IOException | RuntimeException e) {
            // Nothing to do about a connection that fails to close.
        }
    }

    /** The start of an answer: its status, content type and first bytes, for messages. */
    static final class Answer {
        static final int KEPT_BYTES = 80;

        private final int status;
        private final String contentType;
        private final byte[] head = new byte[KEPT_BYTES];
        private int headLength;
        private long bytesRead;

        Answer(int status, String contentType) {
            this.status = status;
            this.contentType = contentType;
        }

        int status() {
            return status;
        }

        String contentType() {
            return contentType;
        }

        synchronized long bytesRead() {
            return bytesRead;
        }

        /** The first bytes of the body as text, at most {@link #KEPT_BYTES}. */
        synchronized String head() {
            return new String(head, 0, headLength, java.nio.charset.StandardCharsets.UTF_8);
        }

        synchronized void saw(byte[] buffer, int offset, int length) {
            if (length <= 0) {
                return;
            }
            bytesRead += length;
            int keep = Math.min(length, KEPT_BYTES - headLength);
            if (keep > 0) {
                System.arraycopy(buffer, offset, head, headLength, keep);
                headLength += keep;
            }
        }
    }

    /** A response whose body notes what it delivers in its {@link Answer}. */
    private static final class RecordedResponse implements Response {
        private final Response response;
        private final Answer answer;
        private InputStream body;

        RecordedResponse(Response response, Answer answer) {
            this.response = response;
            this.answer = answer;
        }

        @Override
        public int getStatusCode() {
            return response.getStatusCode();
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            return response.getHeaders();
        }

        @Override
        public String getHeader(String name) {
            return response.getHeader(name);
        }

        @Override
        public synchronized InputStream getBody() {
            if (body == null) {
                body = new RecordingStream(response.getBody(), answer);
            }
            return body;
        }

        @Override
        public void close() {
            response.close();
        }
    }

    private static final class RecordingStream extends FilterInputStream {
        private final Answer answer;

        RecordingStream(InputStream in, Answer answer) {
            super(in);
            this.answer = answer;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                answer.saw(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = in.read(buffer, offset, length);
            answer.saw(buffer, offset, read);
            return read;
        }
    }
}
