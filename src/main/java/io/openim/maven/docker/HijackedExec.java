package io.openim.maven.docker;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * {@code POST /exec/ID/start} on a connection of its own, taken over by the exec: the engine answers
 * "101 UPGRADED" and from then on the socket carries the process's stdin one way and its output
 * the other, stdout and stderr framed (an 8-byte header per frame: stream, 3 zero bytes, length).
 */
final class HijackedExec implements ExecStream {

    private final EngineHttpClient.Link link;
    private final InputStream output;
    private final OutputStream input;

    private HijackedExec(EngineHttpClient.Link link, InputStream frames, Consumer<String> errors) {
        this.link = link;
        this.output = new Demultiplexed(frames, errors);
        this.input = link.out;
    }

    /** Starts the created exec {@code execId} over a new connection from {@code http}. */
    static HijackedExec start(EngineHttpClient http, String execId, Consumer<String> errors) throws IOException {
        EngineHttpClient.Link link = http.connect();
        try {
            byte[] body = "{\"Detach\":false,\"Tty\":false}".getBytes(StandardCharsets.US_ASCII);
            String head = "POST " + http.path("/exec/" + execId + "/start") + " HTTP/1.1\r\n"
                    + "Host: " + http.hostHeader() + "\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Upgrade: tcp\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n";
            OutputStream out = link.out;
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = link.in;
            String status = readHead(in);
            // 101 from engines that upgrade; 200 from those that simply keep the connection.
            if (!status.startsWith("HTTP/1.1 101") && !status.startsWith("HTTP/1.1 200")) {
                throw new EngineException(
                        "The engine refused to start exec " + execId + ": "
                                + status.lines().findFirst().orElse(""),
                        EngineException.Reason.OTHER,
                        status,
                        null);
            }
            return new HijackedExec(link, in, errors);
        } catch (IOException | RuntimeException e) {
            link.close();
            throw e;
        }
    }

    /** The status line and headers, read byte by byte so that nothing of the stream after them is consumed. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the engine closed the connection before answering");
            }
            head.write(b);
            last4 = (last4 << 8) | b;
            if (head.size() > 65536) {
                throw new IOException("the engine's answer has no end of headers");
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public InputStream output() {
        return output;
    }

    @Override
    public OutputStream input() {
        return input;
    }

    @Override
    public void close() {
        link.close();
    }

    /** stdout frames as a plain stream; stderr frames go to the consumer, a line at a time. */
    private static final class Demultiplexed extends InputStream {
        private final StreamFrames frames;
        private final Consumer<String> errors;
        private final StringBuilder errorLine = new StringBuilder();
        private int remaining;
        private boolean ended;

        Demultiplexed(InputStream in, Consumer<String> errors) {
            this.frames = new StreamFrames(in);
            this.errors = errors;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (remaining == 0) {
                if (ended || !nextStdoutFrame()) {
                    ended = true;
                    return -1;
                }
            }
            int n = frames.input().read(buffer, offset, Math.min(length, remaining));
            if (n < 0) {
                ended = true;
                return -1;
            }
            remaining -= n;
            return n;
        }

        /** Reads headers (and stderr payloads) until a stdout frame starts; false at the end. */
        private boolean nextStdoutFrame() throws IOException {
            int[] header;
            while ((header = frames.nextHeader()) != null) {
                if (header[0] == StreamFrames.STDOUT) {
                    remaining = header[1];
                    if (remaining > 0) {
                        return true;
                    }
                    continue;
                }
                byte[] payload = frames.input().readNBytes(header[1]);
                if (header[0] == StreamFrames.STDERR) {
                    for (byte b : payload) {
                        if (b == '\n') {
                            flushErrorLine();
                        } else {
                            errorLine.append((char) (b & 0xff));
                        }
                    }
                }
                if (payload.length < header[1]) {
                    break;
                }
            }
            flushErrorLine();
            return false;
        }

        private void flushErrorLine() {
            if (errorLine.length() > 0) {
                errors.accept(errorLine.toString());
                errorLine.setLength(0);
            }
        }
    }
}
