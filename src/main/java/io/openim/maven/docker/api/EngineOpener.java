package io.openim.maven.docker.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient.Request;
import com.github.dockerjava.transport.DockerHttpClient.Response;
import io.openim.maven.docker.CauseText;
import io.openim.maven.docker.DockerEngine;
import io.openim.maven.docker.EngineException;
import io.openim.maven.docker.EngineVersion;
import io.openim.maven.docker.discovery.ConnectTimeouts;
import io.openim.maven.docker.discovery.EngineEndpoint;
import io.openim.maven.setting.Setting;
import io.openim.maven.util.Json;
import io.openim.maven.util.PrintableText;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/** Connects to one endpoint through docker-java and reads {@code /version} once, with a bound. */
final class EngineOpener {

    /** Connections the transport keeps per engine; parallel release builds and a ping need a few. */
    private static final int MAX_CONNECTIONS = 32;

    private EngineOpener() {}

    static DockerEngine open(EngineEndpoint endpoint, Duration engineTimeout) {
        TransportLogging.quiet();
        SSLContext tls = tlsContext(endpoint);
        URI host = URI.create(endpoint.host());
        EngineTransport transport = new EngineTransport(() -> httpClient(host, tls));
        EngineVersion version;
        try (EngineCalls first = new EngineCalls(endpoint.host(), transport, ConnectTimeouts.FIRST_ANSWER)) {
            version = first.call("tell its version (/version)", () -> readVersion(endpoint, transport, first));
        } catch (RuntimeException e) {
            transport.close();
            if (e instanceof EngineException engine && engine.reason() == EngineException.Reason.NO_ANSWER) {
                // ConnectFailure words an endpoint that accepts and stays silent by this cause.
                throw new EngineException(
                        "No answer from " + endpoint.host(),
                        EngineException.Reason.NO_ANSWER,
                        null,
                        new SocketTimeoutException("Read timed out"));
            }
            throw e;
        }
        EngineCalls calls = new EngineCalls(endpoint.host(), transport, engineTimeout);
        return new DockerJavaEngine(
                endpoint,
                transport,
                calls,
                () -> DockerClientImpl.getInstance(new EngineClientConfig(host), transport),
                version);
    }

    /** docker-java's httpclient5 transport, with the plugin's TLS material and no read timeout. */
    static DockerHttpClient httpClient(URI host, SSLContext tls) {
        ApacheDockerHttpClient.Builder builder = new ApacheDockerHttpClient.Builder()
                .dockerHost(host)
                .maxConnections(MAX_CONNECTIONS)
                .connectionTimeout(ConnectTimeouts.CONNECT)
                // No read timeout for any request (the plugin's deadlines bound them), set on the
                // connection for each one: otherwise a TLS connection keeps its handshake's timeout,
                // the connect timeout, until its first reuse, and a stream that started on a fresh
                // one (a quiet build's output) ended after 10 s with "Read timed out".
                .responseTimeout(Duration.ZERO);
        if (tls != null) {
            builder.sslConfig(() -> tls);
        } else if ("unix".equals(host.getScheme())) {
            // For TCP a context would mean https; a socket never speaks TLS, whatever it is given.
            builder.sslConfig(PlainTransportTls::context);
        }
        return builder.build();
    }

    static SSLContext tlsContext(EngineEndpoint endpoint) {
        if (!endpoint.usesTls()) {
            return null;
        }
        try {
            return endpoint.tls().sslContext();
        } catch (Exception e) {
            throw new EngineException(
                    "Cannot read the TLS material in " + endpoint.tls().directory() + " ("
                            + endpoint.tls().origin() + ") for " + endpoint.host() + ": " + CauseText.of(e)
                            + ". ca.pem, cert.pem and key.pem must be PEM files as `docker --tlsverify` reads them.",
                    EngineException.Reason.OTHER,
                    null,
                    e);
        }
    }

    /**
     * Raw, not docker-java's version command: whatever answers here is named by what it said (an
     * HTTPS port of dockerd answering plain text, a web server), before anything else is asked.
     */
    private static EngineVersion readVersion(EngineEndpoint endpoint, EngineTransport transport, EngineCalls calls)
            throws IOException {
        Request request =
                Request.builder().method(Request.Method.GET).path("/version").build();
        try (Response response = transport.execute(request)) {
            String body = new String(response.getBody().readNBytes(256 * 1024), StandardCharsets.UTF_8);
            if (response.getStatusCode() == 400 && body.contains("HTTPS server")) {
                throw new EngineException(
                        "The engine at " + endpoint.host() + " speaks TLS and was spoken to in plain text: set "
                                + Setting.DOCKER_TLS_VERIFY.describe("true") + " with "
                                + Setting.DOCKER_CERT_PATH.describe() + " naming its ca.pem, cert.pem and key.pem"
                                + " (or DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH).",
                        EngineException.Reason.OTHER,
                        body,
                        null);
            }
            JsonNode version;
            try {
                version = Json.parse(body);
            } catch (IOException notJson) {
                version = null;
            }
            if (version == null || !version.isObject() || !version.has("ApiVersion")) {
                throw new EngineException(
                        "The endpoint " + endpoint.host() + " answered /version with status "
                                + response.getStatusCode() + " and no Docker reply ('"
                                + PrintableText.of(body.strip(), 80)
                                + "'): it is not a Docker engine (check the address and port).",
                        EngineException.Reason.BAD_ANSWER,
                        body,
                        null);
            }
            if (response.getStatusCode() != 200) {
                throw calls.statusError("tell its version (/version)", response.getStatusCode(), body);
            }
            return new EngineVersion(
                    version.path("Version").asText(),
                    version.path("ApiVersion").asText(),
                    version.path("Os").asText(),
                    version.path("Arch").asText());
        }
    }
}
