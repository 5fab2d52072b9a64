package io.openim.maven.docker;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * HTTP/1.1 to the engine, written for a build tool: connecting is bounded, a request may be given
 * a bound for its first answer, and nothing else ever times out by itself (logs, builds, saves,
 * loads stream for as long as they last, over TLS too). Requests are never retried once a byte of
 * the answer came; a failure is reported once, as it happened. Unix sockets use the JDK's own
 * channels; each request gets a connection of its own there (connecting costs microseconds),
 * while TCP and TLS connections are kept for the next request.
 *
 * <p>It replaces a general HTTP client because the plugin needs very little of one and pays for
 * all of it at start: setting up that client took about 170 ms of every goal, this one about 30.
 */
final class EngineHttpClient implements AutoCloseable {

    private static final int MAX_IDLE = 8;

    private final String scheme;
    private final String socketPath;
    private final String hostName;
    private final int port;
    private final String pathPrefix;
    private final SSLContext tls;
    private final boolean verifyHostName;
    private final Duration connectTimeout;
    private final ConcurrentLinkedDeque<Link> idle = new ConcurrentLinkedDeque<>();
    private final Set<Link> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    EngineHttpClient(URI dockerHost, SSLContext tls, boolean verifyHostName, Duration connectTimeout) {
        this.scheme = dockerHost.getScheme();
        this.tls = tls;
        this.verifyHostName = verifyHostName;
        this.connectTimeout = connectTimeout;
        switch (scheme) {
            case "unix" -> {
                socketPath = dockerHost.getPath();
                hostName = "docker";
                port = 0;
                pathPrefix = "";
            }
            case "tcp", "http", "https" -> {
                socketPath = null;
                hostName = dockerHost.getHost();
                // Docker's ports when none is given, not HTTP's.
                port = dockerHost.getPort() != -1 ? dockerHost.getPort() : tls != null ? 2376 : 2375;
                String path = dockerHost.getRawPath() == null ? "" : dockerHost.getRawPath();
                pathPrefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            }
            default -> throw new IllegalArgumentException("Unsupported engine address " + dockerHost);
        }
    }

    /** A connection: its streams and how to close it. */
    static final class Link implements AutoCloseable {
        final InputStream in;
        final OutputStream out;
        private final AutoCloseable closer;
        private final Socket socket;
        private Runnable onClose = () -> {};

        private Link(InputStream in, OutputStream out, AutoCloseable closer, Socket socket) {
            this.in = in;
            this.out = out;
            this.closer = closer;
            this.socket = socket;
        }

        /** A read timeout for what follows, where the connection can have one (TCP); 0 for none. */
        void readTimeout(Duration timeout) throws IOException {
            if (socket != null) {
                socket.setSoTimeout(timeout == null ? 0 : (int) timeout.toMillis());
            }
        }

        @Override
        public void close() {
            onClose.run();
            try {
                closer.close();
            } catch (Exception e) {
                // Closed either way.
            }
        }
    }

    /**
     * A connection of its own to the engine, outside the pool, for a request that takes the
     * connection over (an exec's stdin and stdout): connected within the connect bound, TLS
     * handshake done, and no read timeout.
     */
    Link connect() throws IOException {
        if (closed) {
            throw new IOException("the engine connection is closed");
        }
        Link link = "unix".equals(scheme) ? unixLink() : tcpLink();
        open.add(link);
        link.onClose = () -> open.remove(link);
        return link;
    }

    private Link unixLink() throws IOException {
        SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socketPath));
        // Reads and writes straight on the channel: the JDK's channel streams would make a write
        // wait for a blocked read, and an exec's two directions run at once.
        InputStream in = new InputStream() {
            @Override
            public int read() throws IOException {
                return readOne(this);
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (length == 0) {
                    return 0;
                }
                return channel.read(ByteBuffer.wrap(buffer, offset, length));
            }
        };
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] buffer, int offset, int length) throws IOException {
                ByteBuffer bytes = ByteBuffer.wrap(buffer, offset, length);
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            }
        };
        return new Link(in, out, channel, null);
    }

    private Link tcpLink() throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(hostName, port), (int) connectTimeout.toMillis());
            socket.setTcpNoDelay(true);
            if (tls == null) {
                return new Link(socket.getInputStream(), socket.getOutputStream(), socket, socket);
            }
            SSLSocket secured = (SSLSocket) tls.getSocketFactory().createSocket(socket, hostName, port, true);
            if (verifyHostName) {
                SSLParameters parameters = secured.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                secured.setSSLParameters(parameters);
            }
            secured.setSoTimeout((int) connectTimeout.toMillis());
            secured.startHandshake();
            secured.setSoTimeout(0);
            return new Link(secured.getInputStream(), secured.getOutputStream(), secured, secured);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The path of an API call, after the engine address's own path, if it has one. */
    String path(String apiPath) {
        return pathPrefix + apiPath;
    }

    /** The Host header value. */
    String hostHeader() {
        return "unix".equals(scheme) ? "docker" : hostName + ":" + port;
    }

    ApiResponse execute(ApiRequest request) {
        return execute(request, null);
    }

    /**
     * Sends {@code request}; {@code firstAnswer}, when not null, bounds the wait for the status line,
     * for the first call to an engine that may accept connections and never answer.
     */
    ApiResponse execute(ApiRequest request, Duration firstAnswer) {
        try {
            Link reused = request.repeatable() ? idle.pollFirst() : null;
            if (reused != null) {
                try {
                    return exchange(reused, request, firstAnswer);
                } catch (StaleConnection stale) {
                    // The engine closed the idle connection: say it again on a fresh one.
                }
            }
            return exchange(connect(), request, firstAnswer);
        } catch (StaleConnection e) {
            throw new UncheckedIOException(new EOFException("the engine closed the connection without answering"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Thrown when a connection ended before the first byte of an answer. */
    private static final class StaleConnection extends IOException {
        private static final long serialVersionUID = 1L;
    }

    private ApiResponse exchange(Link link, ApiRequest request, Duration firstAnswer) throws IOException {
        BufferedInputStream in;
        try {
            writeRequest(link, request);
            link.readTimeout(firstAnswer);
            in = new BufferedInputStream(link.in, 1 << 15);
            in.mark(1);
            if (in.read() < 0) {
                throw new StaleConnection();
            }
            in.reset();
        } catch (StaleConnection e) {
            discard(link);
            throw e;
        } catch (IOException | RuntimeException e) {
            discard(link);
            if (e instanceof SocketTimeoutException) {
                throw e;
            }
            if (e instanceof IOException io && request.repeatable() && !(e instanceof EOFException)) {
                // A write to a connection the engine had closed: as stale as no answer at all.
                StaleConnection stale = new StaleConnection();
                stale.initCause(io);
                throw stale;
            }
            throw e;
        }
        try {
            String statusLine = readLine(in);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP answer: " + statusLine);
            }
            int status = Integer.parseInt(parts[1]);
            Map<String, String> headers = new java.util.HashMap<>();
            for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.put(
                            line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            line.substring(colon + 1).trim());
                }
            }
            link.readTimeout(null);
            boolean keep = request.repeatable() && !"close".equalsIgnoreCase(headers.get("connection"));
            InputStream body;
            String encoding = headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT);
            if (status == 204 || status == 304 || status / 100 == 1) {
                body = new Limited(in, 0);
            } else if (encoding.contains("chunked")) {
                body = new Chunked(in);
            } else if (headers.containsKey("content-length")) {
                body = new Limited(in, Long.parseLong(headers.get("content-length")));
            } else {
                // The engine streams some answers with "Transfer-Encoding: identity": read until it closes.
                body = in;
                keep = false;
            }
            return new ApiResponse(status, headers, body, link, keep, this);
        } catch (IOException | RuntimeException e) {
            discard(link);
            throw e;
        }
    }

    private void writeRequest(Link link, ApiRequest request) throws IOException {
        StringBuilder head = new StringBuilder();
        head.append(request.method()).append(' ').append(path(request.path())).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(hostHeader()).append("\r\n");
        head.append("User-Agent: openim-maven-plugin\r\n");
        request.headers()
                .forEach((name, value) ->
                        head.append(name).append(": ").append(value).append("\r\n"));
        if (request.body() != null) {
            head.append("Transfer-Encoding: chunked\r\n");
        } else {
            head.append("Content-Length: ")
                    .append(request.bodyBytes() == null ? 0 : request.bodyBytes().length)
                    .append("\r\n");
        }
        OutputStream out = new BufferedOutputStream(link.out, 1 << 16);
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (request.bodyBytes() != null) {
            out.write(request.bodyBytes());
        } else if (request.body() != null) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = request.body().read(buffer)) >= 0) {
                if (n > 0) {
                    out.write(Integer.toHexString(n).getBytes(StandardCharsets.ISO_8859_1));
                    out.write(CRLF);
                    out.write(buffer, 0, n);
                    out.write(CRLF);
                }
            }
            out.write(LAST_CHUNK);
        }
        out.flush();
    }

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                int length = line.length();
                return length > 0 && line.charAt(length - 1) == '\r' ? line.substring(0, length - 1) : line.toString();
            }
            line.append((char) b);
            if (line.length() > 65536) {
                throw new IOException("an answer line longer than 64 KiB");
            }
        }
        throw new EOFException("the engine closed the connection mid-answer");
    }

    /** Back to the pool when the answer was read to its end, else closed. */
    void release(Link link, boolean reusable) {
        if (reusable && !closed && idle.size() < MAX_IDLE) {
            idle.addFirst(link);
        } else {
            discard(link);
        }
    }

    private void discard(Link link) {
        link.close();
    }

    @Override
    public void close() {
        closed = true;
        idle.clear();
        java.util.List.copyOf(open).forEach(Link::close);
    }

    /** A body of known length; reports whether it was read to its end. */
    static final class Limited extends FilterInputStream implements Exhaustible {
        private long remaining;

        Limited(InputStream in, long length) {
            super(in);
            remaining = length;
        }

        @Override
        public int read() throws IOException {
            return readOne(this);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (n < 0) {
                throw new EOFException("the engine closed the connection mid-answer");
            }
            remaining -= n;
            return n;
        }

        @Override
        public boolean exhausted() {
            return remaining <= 0;
        }

        @Override
        public void close() {
            // The connection is the response's to close or keep.
        }
    }

    /** A chunked body, decoded; reports whether the last chunk came. */
    static final class Chunked extends FilterInputStream implements Exhaustible {
        private long remaining;
        private boolean ended;

        Chunked(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            return readOne(this);
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (ended) {
                return -1;
            }
            if (remaining == 0) {
                String sizeLine = readLine(in);
                int extension = sizeLine.indexOf(';');
                remaining = Long.parseLong((extension >= 0 ? sizeLine.substring(0, extension) : sizeLine).trim(), 16);
                if (remaining == 0) {
                    // Trailers, if any, then the empty line.
                    while (!readLine(in).isEmpty()) {
                        // skipped
                    }
                    ended = true;
                    return -1;
                }
            }
            int n = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (n < 0) {
                throw new EOFException("the engine closed the connection mid-answer");
            }
            remaining -= n;
            if (remaining == 0) {
                readLine(in); // the CRLF after the chunk
            }
            return n;
        }

        @Override
        public boolean exhausted() {
            return ended;
        }

        @Override
        public void close() {
            // The connection is the response's to close or keep.
        }
    }

    /** A body that knows whether it was read to its end. */
    /** {@code read()} of a stream that does its reading in {@code read(byte[], int, int)}. */
    private static int readOne(InputStream in) throws IOException {
        byte[] one = new byte[1];
        int n = in.read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    interface Exhaustible {
        boolean exhausted();
    }
}
