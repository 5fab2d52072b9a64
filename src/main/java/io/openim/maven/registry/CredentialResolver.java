package io.openim.maven.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openim.maven.OpenImException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds the credential for a registry, in this order: a Maven {@code settings.xml} server whose id
 * is the registry's host (its password decrypted by Maven), then the Docker CLI's
 * {@code config.json}: {@code auths}, then a {@code credHelpers} entry for the registry, then
 * {@code credsStore}. No credential means an anonymous push, which a registry may allow.
 */
public final class CredentialResolver {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DOCKER_HUB_KEYS =
            List.of("https://index.docker.io/v1/", "index.docker.io", "docker.io", "registry-1.docker.io");

    private final Map<String, RegistryCredential> mavenServers;
    private final Path dockerConfigDirectory;
    private final String searchPath;

    /**
     * @param mavenServers settings.xml servers by id, passwords already decrypted
     * @param dockerConfigDirectory {@code $DOCKER_CONFIG} or {@code ~/.docker}
     * @param searchPath the {@code PATH} credential helpers are looked for on
     */
    public CredentialResolver(
            Map<String, RegistryCredential> mavenServers, Path dockerConfigDirectory, String searchPath) {
        this.mavenServers = Map.copyOf(mavenServers);
        this.dockerConfigDirectory = dockerConfigDirectory;
        this.searchPath = searchPath == null ? "" : searchPath;
    }

    public Optional<RegistryCredential> forRegistry(String registry) {
        for (String key : keys(registry)) {
            RegistryCredential server = mavenServers.get(key);
            if (server != null) {
                return Optional.of(server);
            }
        }
        JsonNode config = dockerConfig();
        if (config == null) {
            return Optional.empty();
        }
        Optional<RegistryCredential> auth = fromAuths(config.path("auths"), registry);
        if (auth.isPresent()) {
            return auth;
        }
        for (String key : keys(registry)) {
            JsonNode helper = config.path("credHelpers").get(key);
            if (helper != null && helper.isTextual()) {
                return fromHelper(helper.asText(), registry);
            }
        }
        JsonNode store = config.get("credsStore");
        if (store != null && store.isTextual() && !store.asText().isBlank()) {
            return fromHelper(store.asText(), registry);
        }
        return Optional.empty();
    }

    /** The names a registry goes by in credential stores. */
    private static List<String> keys(String registry) {
        return registry.equals(ImageReference.DOCKER_HUB) ? DOCKER_HUB_KEYS : List.of(registry);
    }

    private JsonNode dockerConfig() {
        Path file = dockerConfigDirectory.resolve("config.json");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new OpenImException(
                    "Cannot read the Docker CLI configuration " + file + ": " + e.getMessage()
                            + ". Fix its JSON, or give the registry's credentials as a <server> in Maven's settings.xml.",
                    e);
        }
    }

    private Optional<RegistryCredential> fromAuths(JsonNode auths, String registry) {
        for (Iterator<Map.Entry<String, JsonNode>> it = auths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!keys(registry).contains(normalize(entry.getKey()))
                    && !keys(registry).contains(entry.getKey())) {
                continue;
            }
            JsonNode value = entry.getValue();
            String user = value.path("username").asText("");
            String password = value.path("password").asText("");
            String encoded = value.path("auth").asText("");
            if (!encoded.isEmpty()) {
                String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    user = decoded.substring(0, colon);
                    password = decoded.substring(colon + 1);
                }
            }
            if (!user.isEmpty()) {
                return Optional.of(new RegistryCredential(
                        user, password, dockerConfigDirectory.resolve("config.json") + " auths"));
            }
        }
        return Optional.empty();
    }

    private Path onPath(String program) throws IOException {
        for (String directory : searchPath.split(File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, program))) {
                return Path.of(directory, program);
            }
        }
        throw new IOException(program + " is not on PATH");
    }

    /** "https://host:5000/v1/" and "host:5000" name the same registry. */
    static String normalize(String key) {
        String host = key.replaceFirst("^https?://", "");
        int slash = host.indexOf('/');
        return slash < 0 ? host : host.substring(0, slash);
    }

    private Optional<RegistryCredential> fromHelper(String helper, String registry) {
        String server = registry.equals(ImageReference.DOCKER_HUB) ? DOCKER_HUB_KEYS.get(0) : registry;
        String program = "docker-credential-" + helper;
        try {
            Process process = new ProcessBuilder(onPath(program).toString(), "get")
                    .redirectError(ProcessBuilder.Redirect.PIPE)
                    .start();
            process.getOutputStream().write(server.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new OpenImException("The credential helper " + program + " did not answer within 60 s.");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                if ((text + err).toLowerCase(Locale.ROOT).contains("credentials not found")) {
                    return Optional.empty();
                }
                throw new OpenImException(
                        "The credential helper " + program + " failed for " + registry + ": " + (text + err).strip());
            }
            JsonNode answer = JSON.readTree(text);
            return Optional.of(new RegistryCredential(
                    answer.path("Username").asText(),
                    answer.path("Secret").asText(),
                    "the credential helper " + program));
        } catch (IOException e) {
            throw new OpenImException(
                    "The Docker configuration names the credential helper " + program + " for "
                            + registry + ", but it cannot be run (" + e.getMessage()
                            + "). Install it, or give the registry's"
                            + " credentials as a <server> in Maven's settings.xml.",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpenImException("Interrupted while asking " + program + " for credentials");
        }
    }
}
