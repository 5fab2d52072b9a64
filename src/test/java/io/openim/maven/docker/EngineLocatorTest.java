package io.openim.maven.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineLocatorTest {

    @TempDir
    Path temp;

    private final Map<String, String> env = new HashMap<>();

    private Path home() throws IOException {
        return Files.createDirectories(temp.resolve("home"));
    }

    private List<String> hosts(List<EngineEndpoint> endpoints) {
        return endpoints.stream().map(EngineEndpoint::host).toList();
    }

    private static String sha256(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder();
        for (byte b : digest) {
            hex.append(String.format("%02x", b & 0xff));
        }
        return hex.toString();
    }

    private static void writeContext(Path configDir, String name, String host) throws Exception {
        Path meta = Files.createDirectories(configDir.resolve("contexts/meta").resolve(sha256(name)));
        Files.writeString(
                meta.resolve("meta.json"),
                "{\"Name\":\"" + name + "\",\"Metadata\":{}," + "\"Endpoints\":{\"docker\":{\"Host\":\"" + host
                        + "\",\"SkipTLSVerify\":false}}}");
    }

    @Test
    void sha256NamesContextDirectoriesAsTheDockerCliDoes() throws Exception {
        assertEquals("2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881", EngineLocator.sha256("x"));
        assertEquals(sha256("colima"), EngineLocator.sha256("colima"));
    }

    @Test
    void withNothingConfiguredOnlyTheWellKnownSocketsAreTried() throws Exception {
        Path home = home();
        List<EngineEndpoint> endpoints = new EngineLocator(env, home).candidates(null);
        assertEquals(
                List.of("unix:///var/run/docker.sock", "unix://" + home + "/.docker/run/docker.sock"),
                hosts(endpoints));
        assertTrue(endpoints.stream().noneMatch(EngineEndpoint::tlsVerify));
    }

    /** Sets up every source at once: configured host, DOCKER_HOST with TLS, and a current context. */
    private Path everySource() throws Exception {
        Path config = Files.createDirectories(temp.resolve("docker-config"));
        Files.writeString(config.resolve("config.json"), "{\n  \"auths\": {},\n  \"currentContext\": \"x\"\n}\n");
        writeContext(config, "x", "tcp://1.2.3.4:2375");
        env.put("DOCKER_CONFIG", config.toString());
        env.put("DOCKER_HOST", "tcp://docker-host:2376");
        env.put("DOCKER_TLS_VERIFY", "1");
        env.put("DOCKER_CERT_PATH", "/certs");
        return home();
    }

    @Test
    void configuredHostComesFirstAndAlone() throws Exception {
        Path home = everySource();
        List<EngineEndpoint> endpoints = new EngineLocator(env, home).candidates(" tcp://configured:2375 ");
        assertEquals(List.of("tcp://configured:2375"), hosts(endpoints));
        assertFalse(endpoints.get(0).tlsVerify());
        assertTrue(
                endpoints.get(0).source().contains("openim.docker.host"),
                endpoints.get(0).source());
    }

    @Test
    void dockerHostWithTlsComesSecond() throws Exception {
        Path home = everySource();
        List<EngineEndpoint> endpoints = new EngineLocator(env, home).candidates(null);
        assertEquals(List.of("tcp://docker-host:2376"), hosts(endpoints));
        assertTrue(endpoints.get(0).tlsVerify());
        assertEquals("/certs", endpoints.get(0).certPath());
        assertEquals("DOCKER_HOST", endpoints.get(0).source());
    }

    @Test
    void currentContextFromDockerConfigComesThird() throws Exception {
        Path home = everySource();
        env.remove("DOCKER_HOST");
        List<EngineEndpoint> endpoints = new EngineLocator(env, home).candidates("");
        assertEquals(List.of("tcp://1.2.3.4:2375"), hosts(endpoints));
        assertFalse(endpoints.get(0).tlsVerify());
        assertTrue(endpoints.get(0).source().contains("'x'"), endpoints.get(0).source());
    }

    @Test
    void socketsComeLastSystemBeforeUser() throws Exception {
        Path home = everySource();
        env.remove("DOCKER_HOST");
        env.remove("DOCKER_CONFIG");
        assertEquals(
                List.of("unix:///var/run/docker.sock", "unix://" + home + "/.docker/run/docker.sock"),
                hosts(new EngineLocator(env, home).candidates(null)));
    }

    @Test
    void tlsVerifyWithoutCertPathUsesTheDockerConfigDirectory() throws Exception {
        Path home = home();
        env.put("DOCKER_HOST", "tcp://docker-host:2376");
        env.put("DOCKER_TLS_VERIFY", "1");
        EngineEndpoint endpoint = new EngineLocator(env, home).candidates(null).get(0);
        assertTrue(endpoint.tlsVerify());
        assertEquals(home.resolve(".docker").toString(), endpoint.certPath());
    }

    @Test
    void tlsVerifyOffMeansPlain() throws Exception {
        env.put("DOCKER_HOST", "tcp://docker-host:2375");
        env.put("DOCKER_CERT_PATH", "/certs");
        for (String off : List.of("", "0", "false")) {
            env.put("DOCKER_TLS_VERIFY", off);
            EngineEndpoint endpoint =
                    new EngineLocator(env, home()).candidates(null).get(0);
            assertEquals("tcp://docker-host:2375", endpoint.host());
            assertFalse(endpoint.tlsVerify(), off);
            assertNull(endpoint.certPath(), off);
        }
    }

    @Test
    void currentContextIsReadFromTheHomeDockerDirectory() throws Exception {
        Path home = home();
        Path config = Files.createDirectories(home.resolve(".docker"));
        Files.writeString(config.resolve("config.json"), "{\"currentContext\":\"desktop-linux\"}");
        writeContext(config, "desktop-linux", "unix:///home/me/.docker/desktop/docker.sock");

        List<EngineEndpoint> endpoints = new EngineLocator(env, home).candidates(" ");
        assertEquals(List.of("unix:///home/me/.docker/desktop/docker.sock"), hosts(endpoints));
    }

    @Test
    void dockerContextVariableBeatsTheConfigFile() throws Exception {
        Path home = home();
        Path config = Files.createDirectories(home.resolve(".docker"));
        Files.writeString(config.resolve("config.json"), "{\"currentContext\":\"a\"}");
        writeContext(config, "a", "tcp://a:2375");
        writeContext(config, "b", "tcp://b:2375");
        env.put("DOCKER_CONTEXT", "b");

        assertEquals(
                "tcp://b:2375",
                new EngineLocator(env, home).candidates(null).get(0).host());
    }

    @Test
    void defaultContextIsIgnored() throws Exception {
        Path home = home();
        Path config = Files.createDirectories(home.resolve(".docker"));
        Files.writeString(config.resolve("config.json"), "{\"currentContext\":\"default\"}");
        writeContext(config, "default", "tcp://should-not-appear:2375");

        List<String> hosts = hosts(new EngineLocator(env, home).candidates(null));
        assertEquals(List.of("unix:///var/run/docker.sock", "unix://" + home + "/.docker/run/docker.sock"), hosts);
    }

    @Test
    void selectedContextWithoutMetadataIsAnErrorNotASilentSwitch() throws Exception {
        Path home = home();
        Path config = Files.createDirectories(home.resolve(".docker"));
        Files.writeString(config.resolve("config.json"), "{\"currentContext\":\"gone\"}");

        EngineUnavailableException e = org.junit.jupiter.api.Assertions.assertThrows(
                EngineUnavailableException.class, () -> new EngineLocator(env, home).candidates(null));
        assertTrue(e.getMessage().contains("'gone'"), e.getMessage());
        assertTrue(e.getMessage().contains("dockerHost"), e.getMessage());
    }
}
