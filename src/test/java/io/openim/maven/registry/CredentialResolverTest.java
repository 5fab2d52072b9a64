package io.openim.maven.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openim.maven.OpenImException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialResolverTest {

    @TempDir
    Path temp;

    private Path config(String json) throws IOException {
        Path dir = Files.createDirectories(temp.resolve("docker"));
        Files.writeString(dir.resolve("config.json"), json);
        return dir;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A credential helper on a PATH of its own, answering for one server. */
    private String helper(String name, String server, String user, String secret) throws IOException {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path script = bin.resolve("docker-credential-" + name);
        Files.writeString(
                script,
                "#!/bin/sh\nread server\nif [ \"$server\" = \"" + server + "\" ]; then\n"
                        + "  printf '{\"ServerURL\":\"%s\",\"Username\":\"" + user + "\",\"Secret\":\"" + secret
                        + "\"}' \"$server\"\n"
                        + "else\n  echo 'credentials not found in native keychain'; exit 1\nfi\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return bin.toString();
    }

    @Test
    void aMavenServerNamedAfterTheRegistryComesFirst() throws IOException {
        Path docker = config("{\"auths\":{\"r.example:5000\":{\"auth\":\"" + base64("docker:pw") + "\"}}}");
        RegistryCredential maven = new RegistryCredential("maven", "secret", "settings.xml");
        CredentialResolver resolver = new CredentialResolver(Map.of("r.example:5000", maven), docker, "");
        assertEquals(Optional.of(maven), resolver.forRegistry("r.example:5000"));
    }

    @Test
    void dockerAuthsAreDecodedAndMatchedWithOrWithoutScheme() throws IOException {
        Path docker = config("{\"auths\":{\"https://r.example:5000/v1/\":{\"auth\":\"" + base64("ci:p:w") + "\"},"
                + "\"https://index.docker.io/v1/\":{\"auth\":\"" + base64("hub:token") + "\"}}}");
        CredentialResolver resolver = new CredentialResolver(Map.of(), docker, "");
        RegistryCredential found = resolver.forRegistry("r.example:5000").orElseThrow();
        assertEquals("ci", found.username());
        assertEquals("p:w", found.password(), "only the first colon separates");
        assertEquals("hub", resolver.forRegistry("docker.io").orElseThrow().username());
        assertEquals(Optional.empty(), resolver.forRegistry("other.example"));
        assertTrue(!found.toString().contains("p:w"), "a credential never prints its password");
    }

    @Test
    void aCredHelperForTheRegistryThenTheCredsStore() throws IOException {
        String path = helper("pass", "r.example", "helper-user", "helper-secret");
        Path docker = config("{\"credHelpers\":{\"r.example\":\"pass\"},\"credsStore\":\"pass\"}");
        CredentialResolver resolver = new CredentialResolver(Map.of(), docker, path);
        assertEquals(
                "helper-secret", resolver.forRegistry("r.example").orElseThrow().password());
        assertEquals(Optional.empty(), resolver.forRegistry("elsewhere.example"), "the store knows nothing of it");
    }

    @Test
    void aHelperThatIsNotInstalledSaysSo() throws IOException {
        Path docker = config("{\"credsStore\":\"desktop\"}");
        CredentialResolver resolver = new CredentialResolver(Map.of(), docker, temp.toString());
        OpenImException e = assertThrows(OpenImException.class, () -> resolver.forRegistry("r.example"));
        assertTrue(e.getMessage().contains("docker-credential-desktop"), e.getMessage());
        assertTrue(e.getMessage().contains("settings.xml"), e.getMessage());
    }

    @Test
    void noConfigMeansNoCredential() {
        assertEquals(
                Optional.empty(),
                new CredentialResolver(Map.of(), temp.resolve("nowhere"), "").forRegistry("r.example"));
    }

    @Test
    void plainHttpOnlyForLoopbackOrListedRegistries() {
        PushRequest request = new PushRequest(
                temp,
                "r",
                "1",
                java.util.List.of(),
                java.util.List.of(),
                java.util.List.of(),
                java.util.Set.of("10.1.2.3:5000", "plain.example"),
                new CredentialResolver(Map.of(), temp, ""),
                1);
        assertTrue(PushService.plainHttp(request, "127.0.0.1:5000"));
        assertTrue(PushService.plainHttp(request, "localhost:5000"));
        assertTrue(PushService.plainHttp(request, "[::1]:5000"));
        assertTrue(PushService.plainHttp(request, "10.1.2.3:5000"));
        assertTrue(PushService.plainHttp(request, "plain.example:443"));
        assertTrue(!PushService.plainHttp(request, "10.1.2.3:5001"));
        assertTrue(!PushService.plainHttp(request, "registry.example"));
    }
}
