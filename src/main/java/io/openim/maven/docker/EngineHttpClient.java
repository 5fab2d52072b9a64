package io.openim.maven.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.UnixSocket;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultSchemePortResolver;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.DefaultHttpClientConnectionOperator;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentLengthStrategy;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.impl.DefaultContentLengthStrategy;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EmptyInputStream;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.net.URIAuthority;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP transport under docker-java, configured for a build tool: connecting is bounded, a
 * request may be given a bound for its first answer, and streams (logs, builds, saves) never time
 * out by themselves, over TLS too, where a connect timeout would otherwise linger as the socket's
 * read timeout. Requests are not retried: a failure is reported once, as it happened.
 */
final class EngineHttpClient implements DockerHttpClient {

    private final CloseableHttpClient client;
    private final HttpHost host;
    private final String pathPrefix;
    private final String scheme;
    private final String socketPath;
    private final SSLContext tls;
    private final boolean verifyHostName;
    private final Duration connectTimeout;

    EngineHttpClient(URI dockerHost, SSLContext tls, Duration connectTimeout, int maxConnections) {
        this(dockerHost, tls, true, connectTimeout, maxConnections);
    }

    EngineHttpClient(
            URI dockerHost, SSLContext tls, boolean verifyHostName, Duration connectTimeout, int maxConnections) {
        String scheme = dockerHost.getScheme();
        this.scheme = scheme;
        this.tls = tls;
        this.verifyHostName = verifyHostName;
        this.connectTimeout = connectTimeout;
        switch (scheme) {
            case "unix" -> {
                pathPrefix = "";
                host = new HttpHost("unix", "localhost", 2375);
            }
            case "tcp", "http", "https" -> {
                String path = dockerHost.getRawPath() == null ? "" : dockerHost.getRawPath();
                pathPrefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
                // Docker's ports when none is given, not HTTP's.
                int port = dockerHost.getPort() != -1 ? dockerHost.getPort() : tls != null ? 2376 : 2375;
                host = new HttpHost(tls != null ? "https" : "http", dockerHost.getHost(), port);
            }
            default -> throw new IllegalArgumentException("Unsupported engine address " + dockerHost);
        }
        socketPath = dockerHost.getPath();
        TlsSocketStrategy tlsStrategy = tls == null
                ? null
                : verifyHostName
                        ? new DefaultClientTlsStrategy(tls)
                        : new DefaultClientTlsStrategy(tls, NoopHostnameVerifier.INSTANCE);
        DefaultHttpClientConnectionOperator operator = new DefaultHttpClientConnectionOperator(
                proxy -> "unix".equals(scheme) ? unixSocket(socketPath) : new Socket(),
                DefaultSchemePortResolver.INSTANCE,
                SystemDefaultDnsResolver.INSTANCE,
                name -> "https".equalsIgnoreCase(name) ? tlsStrategy : null);
        PoolingHttpClientConnectionManager connections = new PoolingHttpClientConnectionManager(
                operator,
                null,
                null,
                null,
                new ManagedHttpClientConnectionFactory(null, null, null, null, EngineHttpClient::contentLength, null));
        Timeout never = Timeout.ZERO_MILLISECONDS;
        connections.setDefaultSocketConfig(
                SocketConfig.copy(SocketConfig.DEFAULT).setSoTimeout(never).build());
        connections.setDefaultConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(Timeout.of(connectTimeout.toMillis(), TimeUnit.MILLISECONDS))
                // After the TLS handshake the socket must not keep the connect timeout as read timeout.
                .setSocketTimeout(never)
                // The stale check reads with a 1 ms timeout, which a Unix socket ignores: it would
                // block for good on an idle pooled connection. The engine keeps such connections
                // open, and idle ones are closed below instead.
                .setValidateAfterInactivity(
                        "unix".equals(scheme) ? TimeValue.NEG_ONE_MILLISECOND : TimeValue.ofSeconds(2))
                .build());
        connections.setMaxTotal(maxConnections);
        connections.setDefaultMaxPerRoute(maxConnections);
        client = HttpClients.custom()
                .setConnectionManager(connections)
                .setDefaultRequestConfig(
                        RequestConfig.custom().setResponseTimeout(never).build())
                .evictIdleConnections(TimeValue.ofSeconds(20))
                .disableAutomaticRetries()
                .disableConnectionState()
                .disableCookieManagement()
                .disableRedirectHandling()
                .build();
    }

    private static Socket unixSocket(String path) {
        try {
            return UnixSocket.get(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The engine streams some answers with "Transfer-Encoding: identity": read until it closes. */
    private static long contentLength(org.apache.hc.core5.http.HttpMessage message)
            throws org.apache.hc.core5.http.HttpException {
        Header encoding = message.getFirstHeader(HttpHeaders.TRANSFER_ENCODING);
        if (encoding != null && "identity".equalsIgnoreCase(encoding.getValue())) {
            return ContentLengthStrategy.UNDEFINED;
        }
        return DefaultContentLengthStrategy.INSTANCE.determineLength(message);
    }

    @Override
    public Response execute(Request request) {
        return execute(request, null);
    }

    /**
     * Sends {@code request}; {@code firstAnswer}, when not null, bounds the wait for the response, for
     * the first call to an engine that may accept connections and never answer.
     */
    Response execute(Request request, Duration firstAnswer) {
        if (request.hijackedInput() != null) {
            throw new UnsupportedOperationException("attaching stdin through docker-java is not used by the plugin");
        }
        HttpUriRequestBase http = new HttpUriRequestBase(request.method(), URI.create(pathPrefix + request.path()));
        http.setScheme(host.getSchemeName());
        http.setAuthority(new URIAuthority(host.getHostName(), host.getPort()));
        request.headers().forEach(http::addHeader);
        if (request.bodyBytes() != null) {
            http.setEntity(new ByteArrayEntity(request.bodyBytes(), null));
        } else if (request.body() != null) {
            http.setEntity(new InputStreamEntity(request.body(), null));
        }
        if (firstAnswer != null) {
            http.setConfig(RequestConfig.custom()
                    .setResponseTimeout(Timeout.of(firstAnswer.toMillis(), TimeUnit.MILLISECONDS))
                    .build());
        }
        try {
            return new EngineResponse(http, client.executeOpen(host, http, null));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A connection of its own to the engine, outside the pool, for a request that takes the
     * connection over (an exec's stdin and stdout): connected within the connect bound, TLS
     * handshake done, and no read timeout.
     */
    Socket openRaw() throws IOException {
        if ("unix".equals(scheme)) {
            return UnixSocket.get(socketPath);
        }
        Socket socket = new Socket();
        try {
            socket.connect(new java.net.InetSocketAddress(host.getHostName(), host.getPort()), (int)
                    connectTimeout.toMillis());
            socket.setTcpNoDelay(true);
            if (tls == null) {
                return socket;
            }
            javax.net.ssl.SSLSocket secured = (javax.net.ssl.SSLSocket)
                    tls.getSocketFactory().createSocket(socket, host.getHostName(), host.getPort(), true);
            if (verifyHostName) {
                javax.net.ssl.SSLParameters parameters = secured.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                secured.setSSLParameters(parameters);
            }
            secured.setSoTimeout((int) connectTimeout.toMillis());
            secured.startHandshake();
            secured.setSoTimeout(0);
            return secured;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The path of an API call, after the engine address's own path, if it has one. */
    String path(String apiPath) {
        return pathPrefix + apiPath;
    }

    /** The Host header value for a raw request. */
    String hostHeader() {
        return "unix".equals(scheme) ? "docker" : host.getHostName() + ":" + host.getPort();
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

    private record EngineResponse(HttpUriRequestBase request, ClassicHttpResponse response) implements Response {

        @Override
        public int getStatusCode() {
            return response.getCode();
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            return Stream.of(response.getHeaders())
                    .collect(Collectors.groupingBy(
                            NameValuePair::getName, Collectors.mapping(NameValuePair::getValue, Collectors.toList())));
        }

        @Override
        public String getHeader(String name) {
            Header header = response.getFirstHeader(name);
            return header == null ? null : header.getValue();
        }

        @Override
        public InputStream getBody() {
            try {
                return response.getEntity() == null
                        ? EmptyInputStream.INSTANCE
                        : response.getEntity().getContent();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            // Aborting first lets a stream that is still running be cut instead of drained.
            request.abort();
            try {
                response.close();
            } catch (IOException e) {
                // The connection is gone either way.
            }
        }
    }
}
