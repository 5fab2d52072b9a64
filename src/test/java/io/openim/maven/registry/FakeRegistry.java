package io.openim.maven.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.openim.maven.oci.MediaTypes;
import io.openim.maven.oci.OciJson;
import io.openim.maven.util.Sha256;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registry on loopback for unit tests, speaking as much of the distribution API as a push needs:
 * blobs, manifests by tag or digest, and, when asked to, the referrers API of distribution-spec
 * 1.1 (with or without the {@code OCI-Subject} answer). It records every manifest put.
 */
final class FakeRegistry implements AutoCloseable {

    private static final Pattern API = Pattern.compile("/v2/(.+)/(blobs|manifests|referrers)/([^/?]+)");

    record Stored(String mediaType, byte[] content) {}

    final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    final Map<String, Stored> manifests = new ConcurrentHashMap<>();
    final List<String> puts = java.util.Collections.synchronizedList(new ArrayList<>());
    private final HttpServer server;
    private final boolean referrersApi;
    private final boolean subjectHeader;

    FakeRegistry(boolean referrersApi, boolean subjectHeader) throws IOException {
        this.referrersApi = referrersApi;
        this.subjectHeader = subjectHeader;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    RegistryClient client() {
        return new RegistryClient(address(), address(), true, null);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.startsWith("/upload/") && method.equals("PUT")) {
                String digest = exchange.getRequestURI()
                        .getQuery()
                        .replaceFirst("^.*digest=", "")
                        .replace("%3A", ":");
                blobs.put(digest, body);
                exchange.sendResponseHeaders(201, -1);
                return;
            }
            if (path.endsWith("/blobs/uploads/") && method.equals("POST")) {
                exchange.getResponseHeaders().add("Location", "/upload/" + System.nanoTime());
                exchange.sendResponseHeaders(202, -1);
                return;
            }
            Matcher m = API.matcher(path);
            if (!m.matches()) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String repository = m.group(1);
            String reference = m.group(3);
            switch (m.group(2) + " " + method) {
                case "blobs HEAD" -> exchange.sendResponseHeaders(blobs.containsKey(reference) ? 200 : 404, -1);
                case "manifests PUT" -> {
                    String type = exchange.getRequestHeaders().getFirst("Content-Type");
                    Stored stored = new Stored(type, body);
                    String digest = "sha256:" + Sha256.hex(body);
                    manifests.put(repository + "@" + digest, stored);
                    manifests.put(repository + ":" + reference, stored);
                    puts.add(repository + ":" + reference);
                    JsonNode subject = OciJson.parse(body).get("subject");
                    if (subject != null && referrersApi && subjectHeader) {
                        exchange.getResponseHeaders()
                                .add("OCI-Subject", subject.get("digest").asText());
                    }
                    exchange.sendResponseHeaders(201, -1);
                }
                case "manifests GET" -> {
                    Stored stored =
                            manifests.get(repository + (reference.startsWith("sha256:") ? "@" : ":") + reference);
                    if (stored == null) {
                        exchange.sendResponseHeaders(404, -1);
                    } else {
                        exchange.getResponseHeaders().add("Content-Type", stored.mediaType());
                        exchange.sendResponseHeaders(200, stored.content().length);
                        exchange.getResponseBody().write(stored.content());
                    }
                }
                case "referrers GET" -> {
                    if (!referrersApi) {
                        exchange.sendResponseHeaders(404, -1);
                        return;
                    }
                    ObjectNode index = OciJson.JSON.createObjectNode();
                    index.put("schemaVersion", 2);
                    index.put("mediaType", MediaTypes.INDEX);
                    ArrayNode list = index.putArray("manifests");
                    manifests.forEach((key, stored) -> {
                        if (key.startsWith(repository + "@")) {
                            JsonNode manifest = OciJson.parse(stored.content());
                            if (reference.equals(
                                    manifest.path("subject").path("digest").asText())) {
                                list.addObject().put("digest", key.substring(repository.length() + 1));
                            }
                        }
                    });
                    byte[] answer = OciJson.bytes(index);
                    exchange.getResponseHeaders().add("Content-Type", MediaTypes.INDEX);
                    exchange.sendResponseHeaders(200, answer.length);
                    exchange.getResponseBody().write(answer);
                }
                default -> exchange.sendResponseHeaders(405, -1);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
