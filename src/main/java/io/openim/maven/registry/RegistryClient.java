package io.openim.maven.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openim.maven.setting.Setting;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * The Docker Registry HTTP API v2, as far as a push needs it: does a blob exist, mount it from
 * another repository, upload it, put a manifest. Authentication follows the registry's challenge:
 * Basic, or a Bearer token from the realm it names, with the credential given. HTTPS unless the
 * caller decided on plain HTTP (loopback or {@code insecureRegistries}).
 */
final class RegistryClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CHALLENGE_PARAMETER = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final Duration SMALL_REQUEST = Duration.ofSeconds(60);

    private final String registry;
    private final String base;
    private final RegistryCredential credential;
    private final HttpClient http;
    private final Map<String, String> authorizations = new ConcurrentHashMap<>();

    RegistryClient(String registry, String apiHost, boolean plainHttp, RegistryCredential credential) {
        this.registry = registry;
        this.base = (plainHttp ? "http://" : "https://") + apiHost;
        this.credential = credential;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Whether the repository already has the blob: no need to send it again. */
    boolean hasBlob(String repository, String digest) {
        HttpResponse<byte[]> response = send(
                () -> HttpRequest.newBuilder(uri("/v2/" + repository + "/blobs/" + digest))
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .timeout(SMALL_REQUEST),
                scope(repository, false),
                "check a blob of " + repository);
        if (response.statusCode() == 200) {
            return true;
        }
        if (response.statusCode() == 404) {
            return false;
        }
        throw failure(response, "check a blob of " + repository);
    }

    /** Mounts a blob from a repository of the same registry; false when the registry wants an upload. */
    boolean mountBlob(String repository, String digest, String from) {
        String path = "/v2/" + repository + "/blobs/uploads/?mount=" + encode(digest) + "&from=" + encode(from);
        HttpResponse<byte[]> response = send(
                () -> HttpRequest.newBuilder(uri(path))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .timeout(SMALL_REQUEST),
                scope(repository, true) + " " + scopeOf(from, "pull"),
                "mount a blob into " + repository);
        if (response.statusCode() == 201) {
            return true;
        }
        if (response.statusCode() == 202) {
            // The registry started an upload instead; it expires unused.
            return false;
        }
        throw failure(response, "mount a blob into " + repository);
    }

    /** Uploads {@code size} bytes of {@code content} as the blob {@code digest}, in one request. */
    void uploadBlob(String repository, String digest, long size, InputStream content) {
        HttpResponse<byte[]> started = send(
                () -> HttpRequest.newBuilder(uri("/v2/" + repository + "/blobs/uploads/"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .timeout(SMALL_REQUEST),
                scope(repository, true),
                "start an upload to " + repository);
        if (started.statusCode() != 202) {
            throw failure(started, "start an upload to " + repository);
        }
        String location = started.headers()
                .firstValue("Location")
                .orElseThrow(() -> new PushException(
                        "The registry " + registry + " started an upload to " + repository
                                + " without saying where to send it",
                        PushException.Reason.OTHER,
                        null));
        URI target = uri(location);
        String query = (target.getRawQuery() == null ? "" : target.getRawQuery() + "&") + "digest=" + encode(digest);
        URI put = URI.create(target.getScheme() + "://" + target.getRawAuthority() + target.getRawPath() + "?" + query);
        HttpRequest.Builder request = HttpRequest.newBuilder(put)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> content), size));
        authorization(scope(repository, true)).ifPresent(value -> request.header("Authorization", value));
        HttpResponse<byte[]> response = execute(request.build(), "upload a blob to " + repository);
        if (response.statusCode() != 201) {
            throw failure(response, "upload a blob to " + repository);
        }
    }

    /** A manifest as the registry has it: its media type and bytes. */
    record Manifest(String mediaType, byte[] content) {}

    /** The manifest under a tag or digest, or empty when the registry has none there. */
    java.util.Optional<Manifest> getManifest(String repository, String reference, String accept) {
        HttpResponse<byte[]> response = send(
                () -> HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + reference))
                        .header("Accept", accept)
                        .GET()
                        .timeout(SMALL_REQUEST),
                scope(repository, false),
                "read the manifest " + repository + ":" + reference);
        if (response.statusCode() == 404) {
            return java.util.Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw failure(response, "read the manifest " + repository + ":" + reference);
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        return java.util.Optional.of(new Manifest(type.replaceFirst(";.*$", "").trim(), response.body()));
    }

    /**
     * The referrers of a manifest by the registry's referrers API (distribution-spec 1.1), or empty
     * when the registry has no such API (it answers 404).
     */
    java.util.Optional<byte[]> referrers(String repository, String digest) {
        HttpResponse<byte[]> response = send(
                () -> HttpRequest.newBuilder(uri("/v2/" + repository + "/referrers/" + digest))
                        .header("Accept", io.openim.maven.oci.MediaTypes.INDEX)
                        .GET()
                        .timeout(SMALL_REQUEST),
                scope(repository, false),
                "list the referrers of " + repository + "@" + digest);
        if (response.statusCode() == 404) {
            return java.util.Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw failure(response, "list the referrers of " + repository + "@" + digest);
        }
        return java.util.Optional.of(response.body());
    }

    /** Puts a manifest or index under a tag or digest. */
    void putManifest(String repository, String reference, String mediaType, byte[] manifest) {
        put(repository, reference, mediaType, manifest);
    }

    /**
     * Puts a manifest that has a {@code subject}; true when the registry says it took the subject
     * into its referrers ({@code OCI-Subject} header), false when the client must list it itself.
     */
    boolean putManifestWithSubject(String repository, String reference, byte[] manifest) {
        return put(repository, reference, io.openim.maven.oci.MediaTypes.MANIFEST, manifest)
                .headers()
                .firstValue("OCI-Subject")
                .isPresent();
    }

    private HttpResponse<byte[]> put(String repository, String reference, String mediaType, byte[] manifest) {
        HttpResponse<byte[]> response = send(
                () -> HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + reference))
                        .header("Content-Type", mediaType)
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest))
                        .timeout(SMALL_REQUEST),
                scope(repository, true),
                "put the manifest " + repository + ":" + reference);
        if (response.statusCode() != 201) {
            throw failure(response, "put the manifest " + repository + ":" + reference);
        }
        return response;
    }

    private static String scope(String repository, boolean push) {
        return scopeOf(repository, push ? "pull,push" : "pull");
    }

    private static String scopeOf(String repository, String actions) {
        return "repository:" + repository + ":" + actions;
    }

    /** Sends a request, answering an authentication challenge once. */
    private HttpResponse<byte[]> send(Supplier<HttpRequest.Builder> request, String scope, String what) {
        HttpRequest.Builder first = request.get();
        authorization(scope).ifPresent(value -> first.header("Authorization", value));
        HttpResponse<byte[]> response = execute(first.build(), what);
        if (response.statusCode() != 401) {
            return response;
        }
        String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
        authorizations.put(scope, authorize(challenge, scope, what));
        HttpRequest.Builder again = request.get();
        again.header("Authorization", authorizations.get(scope));
        return execute(again.build(), what);
    }

    private Optional<String> authorization(String scope) {
        return Optional.ofNullable(authorizations.get(scope));
    }

    /** The Authorization header that answers {@code challenge}. */
    private String authorize(String challenge, String scope, String what) {
        String lower = challenge.toLowerCase(Locale.ROOT);
        if (lower.startsWith("basic")) {
            if (credential == null) {
                throw new PushException(
                        "The registry " + registry + " wants a user name and password to " + what
                                + ", and none is configured. Add a <server> with id " + registry
                                + " to Maven's settings.xml,"
                                + " or `docker login " + registry + "`.",
                        PushException.Reason.UNAUTHORIZED,
                        null);
            }
            return basic();
        }
        if (!lower.startsWith("bearer")) {
            throw new PushException(
                    "The registry " + registry + " asks for an authentication the plugin does not" + " know ("
                            + challenge + ") to " + what + ".",
                    PushException.Reason.UNAUTHORIZED,
                    null);
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        Matcher matcher = CHALLENGE_PARAMETER.matcher(challenge);
        while (matcher.find()) {
            parameters.put(matcher.group(1).toLowerCase(Locale.ROOT), matcher.group(2));
        }
        StringBuilder url = new StringBuilder(parameters.getOrDefault("realm", ""));
        url.append(url.indexOf("?") < 0 ? "?" : "&");
        if (parameters.containsKey("service")) {
            url.append("service=").append(encode(parameters.get("service"))).append('&');
        }
        List<String> scopes = new ArrayList<>(List.of(scope.split(" ")));
        for (String each : scopes) {
            url.append("scope=").append(encode(each)).append('&');
        }
        HttpRequest.Builder token = HttpRequest.newBuilder(URI.create(url.substring(0, url.length() - 1)))
                .GET()
                .timeout(SMALL_REQUEST);
        if (credential != null) {
            token.header("Authorization", basic());
        }
        HttpResponse<byte[]> response = execute(token.build(), "get a token to " + what);
        if (response.statusCode() != 200) {
            throw failure(response, "get a token to " + what);
        }
        try {
            JsonNode answer = JSON.readTree(response.body());
            String value = answer.hasNonNull("token")
                    ? answer.get("token").asText()
                    : answer.path("access_token").asText();
            return "Bearer " + value;
        } catch (IOException e) {
            throw new PushException(
                    "The token service of " + registry + " answered something unreadable",
                    PushException.Reason.OTHER,
                    e);
        }
    }

    private String basic() {
        String pair = credential.username() + ":" + credential.password();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<byte[]> execute(HttpRequest request, String what) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (SSLException e) {
            throw new PushException(
                    "The registry " + registry + " does not speak HTTPS at " + base + " (" + e.getMessage()
                            + "), so the plugin cannot " + what + ". If it is a plain-HTTP registry you trust, add "
                            + registry
                            + " to " + Setting.INSECURE_REGISTRIES.describe() + ".",
                    PushException.Reason.NOT_HTTPS,
                    e);
        } catch (ConnectException | UnknownHostException | HttpConnectTimeoutException e) {
            throw new PushException(
                    "The registry " + registry + " is unreachable at " + base + " ("
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                            + "), so the plugin"
                            + " cannot " + what + ". Check " + Setting.IMAGE_REGISTRY.describe()
                            + " and that the registry"
                            + " runs.",
                    PushException.Reason.UNREACHABLE,
                    e);
        } catch (HttpTimeoutException e) {
            throw new PushException(
                    "The registry " + registry + " did not answer in time to " + what + ".",
                    PushException.Reason.UNREACHABLE,
                    e);
        } catch (IOException e) {
            boolean tls =
                    String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("ssl");
            throw new PushException(
                    "The connection to the registry " + registry + " failed while trying to " + what + ": "
                            + e.getMessage(),
                    tls ? PushException.Reason.NOT_HTTPS : PushException.Reason.UNREACHABLE,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PushException("Interrupted while trying to " + what, PushException.Reason.OTHER, e);
        }
    }

    private PushException failure(HttpResponse<byte[]> response, String what) {
        int status = response.statusCode();
        PushException.Reason reason = switch (status) {
            case 401 -> PushException.Reason.UNAUTHORIZED;
            case 403 -> PushException.Reason.DENIED;
            case 404 -> PushException.Reason.NOT_FOUND;
            default -> PushException.Reason.OTHER;
        };
        String said = registryErrors(response.body());
        String hint = switch (reason) {
            case UNAUTHORIZED ->
                credential == null
                        ? " No credential is configured for " + registry + ": add a <server> with id " + registry
                                + " to Maven's settings.xml, or `docker login " + registry + "`."
                        : " The registry refused the credential of " + credential + ".";
            case DENIED ->
                " The credential of " + (credential == null ? "nobody" : credential) + " may not push there.";
            case NOT_FOUND -> " The repository or what it refers to does not exist there.";
            default -> "";
        };
        return new PushException(
                "The registry " + registry + " refused to " + what + ": " + status + word(reason)
                        + (said.isEmpty() ? "" : ", " + said) + "." + hint,
                reason,
                null);
    }

    private static String word(PushException.Reason reason) {
        return switch (reason) {
            case UNAUTHORIZED -> " (unauthorized)";
            case DENIED -> " (denied)";
            case NOT_FOUND -> " (not found)";
            default -> "";
        };
    }

    /** The registry's own words: "UNAUTHORIZED: authentication required". */
    private static String registryErrors(byte[] body) {
        try {
            JsonNode errors = JSON.readTree(body).path("errors");
            List<String> said = new ArrayList<>();
            errors.forEach(error -> said.add(
                    error.path("code").asText() + ": " + error.path("message").asText()));
            return String.join("; ", said);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private URI uri(String pathOrUrl) {
        return pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://")
                ? URI.create(pathOrUrl)
                : URI.create(base + pathOrUrl);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
