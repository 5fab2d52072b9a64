package io.openim.maven.docker.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openim.maven.docker.EngineRequest;
import io.openim.maven.docker.EngineUnavailableException;
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

    /** A directory with the three PEM files (contents do not matter until a connection). */
    private Path certs(String name) throws IOException {
        Path dir = Files.createDirectories(temp.resolve(name));
        for (String file : List.of("ca.pem", "cert.pem", "key.pem")) {
            Files.writeString(dir.resolve(file), "-----BEGIN " + file + "-----\n");
        }
        return dir;
    }

    private List<EngineEndpoint> candidates(String dockerHost, Boolean tlsVerify, String certPath) throws IOException {
        return new EngineLocator(env, home())
                .candidates(new EngineRequest(dockerHost, tlsVerify, certPath, env, home()));
    }

    private static Path tlsDir(EngineEndpoint endpoint) {
        return endpoint.tls() == null ? null : endpoint.tls().directory();
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
        List<EngineEndpoint> endpoints = new EngineLocator(env, home).candidates((String) null);
        assertEquals(
                List.of("unix:///var/run/docker.sock", "unix://" + home + "/.docker/run/docker.sock"),
                hosts(endpoints));
        assertTrue(endpoints.stream().noneMatch(EngineEndpoint::usesTls));
    }

    /** Sets up every source at once: configured host, DOCKER_HOST with TLS, and a current context. */
    private Path everySource() throws Exception {
        Path config = Files.createDirectories(temp.resolve("docker-config"));
        Files.writeString(config.resolve("config.json"), "{\n  \"auths\": {},\n  \"currentContext\": \"x\"\n}\n");
        writeContext(config, "x", "tcp://1.2.3.4:2375");
        env.put("DOCKER_CONFIG", config.toString());
        env.put("DOCKER_HOST", "tcp://docker-host:2376");
        env.put("DOCKER_TLS_VERIFY", "1");
        env.put("DOCKER_CERT_PATH", certs("env-certs").toString());
        return home();
    }

    @Test
    void configuredHostComesFirstAndAlone() throws Exception {
        Path home = everySource();
        List<EngineEndpoint> endpoints = new EngineLocator(env, home).candidates(" tcp://configured:2375 ");
        assertEquals(List.of("tcp://configured:2375"), hosts(endpoints));
        // DOCKER_TLS_VERIFY is set, and applies to the configured host as it does for `docker -H`.
        assertTrue(endpoints.get(0).usesTls());
        assertEquals(temp.resolve("env-certs"), tlsDir(endpoints.get(0)));
        assertEquals("dockerHost", endpoints.get(0).source());
    }

    @Test
    void dockerHostWithTlsComesSecond() throws Exception {
        Path home = everySource();
        List<EngineEndpoint> endpoints = new EngineLocator(env, home).candidates((String) null);
        assertEquals(List.of("tcp://docker-host:2376"), hosts(endpoints));
        assertTrue(endpoints.get(0).usesTls());
        assertTrue(endpoints.get(0).tls().verifyServer());
        assertEquals(temp.resolve("env-certs"), tlsDir(endpoints.get(0)));
        assertEquals("DOCKER_HOST", endpoints.get(0).source());
    }

    @Test
    void currentContextFromDockerConfigComesThird() throws Exception {
        Path home = everySource();
        env.remove("DOCKER_HOST");
        List<EngineEndpoint> endpoints = new EngineLocator(env, home).candidates((String) "");
        assertEquals(List.of("tcp://1.2.3.4:2375"), hosts(endpoints));
        assertFalse(endpoints.get(0).usesTls(), "DOCKER_TLS_VERIFY is for DOCKER_HOST; a context has its own");
        assertTrue(endpoints.get(0).source().contains("'x'"), endpoints.get(0).source());
    }

    @Test
    void socketsComeLastSystemBeforeUser() throws Exception {
        Path home = everySource();
        env.remove("DOCKER_HOST");
        env.remove("DOCKER_CONFIG");
        assertEquals(
                List.of("unix:///var/run/docker.sock", "unix://" + home + "/.docker/run/docker.sock"),
                hosts(new EngineLocator(env, home).candidates((String) null)));
    }

    @Test
    void tlsVerifyWithoutCertPathUsesTheDockerConfigDirectory() throws Exception {
        Path home = home();
        env.put("DOCKER_HOST", "tcp://docker-host:2376");
        env.put("DOCKER_TLS_VERIFY", "1");
        Files.createDirectories(home.resolve(".docker"));
        for (String file : List.of("ca.pem", "cert.pem", "key.pem")) {
            Files.writeString(home.resolve(".docker").resolve(file), "pem");
        }
        EngineEndpoint endpoint =
                new EngineLocator(env, home).candidates((String) null).get(0);
        assertTrue(endpoint.usesTls());
        assertEquals(home.resolve(".docker"), tlsDir(endpoint));
    }

    @Test
    void tlsVerifyOffMeansPlain() throws Exception {
        env.put("DOCKER_HOST", "tcp://docker-host:2375");
        env.put("DOCKER_CERT_PATH", "/certs");
        for (String off : List.of("", "0", "false")) {
            env.put("DOCKER_TLS_VERIFY", off);
            EngineEndpoint endpoint =
                    new EngineLocator(env, home()).candidates((String) null).get(0);
            assertEquals("tcp://docker-host:2375", endpoint.host());
            assertFalse(endpoint.usesTls(), off);
            assertNull(endpoint.tls(), off);
        }
    }

    @Test
    void currentContextIsReadFromTheHomeDockerDirectory() throws Exception {
        Path home = home();
        Path config = Files.createDirectories(home.resolve(".docker"));
        Files.writeString(config.resolve("config.json"), "{\"currentContext\":\"desktop-linux\"}");
        writeContext(config, "desktop-linux", "unix:///home/me/.docker/desktop/docker.sock");

        List<EngineEndpoint> endpoints = new EngineLocator(env, home).candidates((String) " ");
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
                new EngineLocator(env, home).candidates((String) null).get(0).host());
    }

    @Test
    void defaultContextIsIgnored() throws Exception {
        Path home = home();
        Path config = Files.createDirectories(home.resolve(".docker"));
        Files.writeString(config.resolve("config.json"), "{\"currentContext\":\"default\"}");
        writeContext(config, "default", "tcp://should-not-appear:2375");

        List<String> hosts = hosts(new EngineLocator(env, home).candidates((String) null));
        assertEquals(List.of("unix:///var/run/docker.sock", "unix://" + home + "/.docker/run/docker.sock"), hosts);
    }

    @Test
    void selectedContextWithoutMetadataIsAnErrorNotASilentSwitch() throws Exception {
        Path home = home();
        Path config = Files.createDirectories(home.resolve(".docker"));
        Files.writeString(config.resolve("config.json"), "{\"currentContext\":\"gone\"}");

        EngineUnavailableException e = org.junit.jupiter.api.Assertions.assertThrows(
                EngineUnavailableException.class, () -> new EngineLocator(env, home).candidates((String) null));
        assertTrue(e.getMessage().contains("'gone'"), e.getMessage());
        assertTrue(e.getMessage().contains("dockerHost"), e.getMessage());
    }

    // ---- TLS from each source ------------------------------------------------------------

    @Test
    void dockerHostSettingCarriesTheTlsSettings() throws Exception {
        Path mine = certs("my-certs");
        List<EngineEndpoint> endpoints = candidates("tcp://10.0.0.2:2376", true, mine.toString());
        assertEquals(mine, tlsDir(endpoints.get(0)));
        assertTrue(endpoints.get(0).tls().verifyServer());
        assertTrue(
                endpoints.get(0).tls().origin().contains("dockerCertPath"),
                endpoints.get(0).tls().origin());
    }

    @Test
    void tlsSettingsBeatTheDockerCliVariables() throws Exception {
        env.put("DOCKER_HOST", "tcp://docker-host:2376");
        env.put("DOCKER_TLS_VERIFY", "1");
        env.put("DOCKER_CERT_PATH", certs("env-certs").toString());
        Path mine = certs("my-certs");
        assertEquals(mine, tlsDir(candidates(null, null, mine.toString()).get(0)), "dockerCertPath wins");
        assertFalse(candidates(null, false, null).get(0).usesTls(), "dockerTlsVerify=false wins");
        env.remove("DOCKER_TLS_VERIFY");
        assertEquals(
                temp.resolve("env-certs"), tlsDir(candidates(null, true, null).get(0)), "then DOCKER_CERT_PATH");
    }

    @Test
    void aCertPathWithTlsOffIsRefused() throws Exception {
        EngineUnavailableException e = assertThrows(
                EngineUnavailableException.class,
                () -> candidates("tcp://10.0.0.2:2376", false, certs("c").toString()));
        assertTrue(e.getMessage().contains("'dockerCertPath'"), e.getMessage());
        assertTrue(e.getMessage().contains("-Dopenim.docker.tls.verify=true"), e.getMessage());
    }

    @Test
    void missingTlsFilesAreNamedBeforeAnyConnection() throws Exception {
        Path partial = Files.createDirectories(temp.resolve("partial"));
        Files.writeString(partial.resolve("ca.pem"), "pem");
        Files.writeString(partial.resolve("cert.pem"), "pem");
        EngineUnavailableException e = assertThrows(
                EngineUnavailableException.class, () -> candidates("tcp://10.0.0.2:2376", true, partial.toString()));
        assertTrue(e.getMessage().contains(partial.resolve("key.pem") + " is missing"), e.getMessage());
        e = assertThrows(
                EngineUnavailableException.class,
                () -> candidates(
                        "tcp://10.0.0.2:2376", true, temp.resolve("nowhere").toString()));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void aTlsContextBringsItsOwnMaterialAndNothingElseIsRead() throws Exception {
        Path config = Files.createDirectories(temp.resolve("docker-config"));
        Files.writeString(config.resolve("config.json"), "{\"currentContext\":\"remote\"}");
        writeContext(config, "remote", "tcp://10.0.0.2:2376");
        Path store = Files.createDirectories(
                config.resolve("contexts/tls").resolve(sha256("remote")).resolve("docker"));
        for (String file : List.of("ca.pem", "cert.pem", "key.pem")) {
            Files.writeString(store.resolve(file), "pem");
        }
        env.put("DOCKER_CONFIG", config.toString());
        env.put("DOCKER_TLS_VERIFY", "1");
        env.put("DOCKER_CERT_PATH", certs("env-certs").toString());
        EngineEndpoint endpoint = candidates(null, null, null).get(0);
        assertEquals("tcp://10.0.0.2:2376", endpoint.host());
        assertEquals(store, tlsDir(endpoint));
        assertTrue(endpoint.tls().verifyServer());
    }

    @Test
    void aContextWithSkipTlsVerifyEncryptsWithoutTrust() throws Exception {
        Path config = Files.createDirectories(temp.resolve("docker-config"));
        env.put("DOCKER_CONFIG", config.toString());
        env.put("DOCKER_CONTEXT", "lab");
        Path meta = Files.createDirectories(config.resolve("contexts/meta").resolve(sha256("lab")));
        Files.writeString(
                meta.resolve("meta.json"),
                "{\"Name\":\"lab\",\"Endpoints\":{\"docker\":{\"Host\":\"tcp://10.0.0.3:2376\",\"SkipTLSVerify\":true}}}");
        Path store = Files.createDirectories(
                config.resolve("contexts/tls").resolve(sha256("lab")).resolve("docker"));
        Files.writeString(store.resolve("cert.pem"), "pem");
        Files.writeString(store.resolve("key.pem"), "pem");
        EngineEndpoint endpoint = candidates(null, null, null).get(0);
        assertTrue(endpoint.usesTls());
        assertFalse(endpoint.tls().verifyServer());
        assertTrue(
                endpoint.tls().problems().isEmpty(), endpoint.tls().problems().toString());
    }

    @Test
    void aPlainContextNextToATlsVariableStaysPlain() throws Exception {
        Path config = Files.createDirectories(temp.resolve("docker-config"));
        env.put("DOCKER_CONFIG", config.toString());
        env.put("DOCKER_CONTEXT", "plain");
        env.put("DOCKER_TLS_VERIFY", "1");
        writeContext(config, "plain", "tcp://10.0.0.4:2375");
        assertFalse(candidates(null, null, null).get(0).usesTls());
    }

    @Test
    void sshEnginesAreRefusedWithTheWorkaround() throws Exception {
        EngineUnavailableException e =
                assertThrows(EngineUnavailableException.class, () -> candidates("ssh://me@build-host", null, null));
        assertTrue(e.getMessage().contains("ssh -nNT -L"), e.getMessage());
        assertTrue(e.getMessage().contains("TCP+TLS"), e.getMessage());
        env.put("DOCKER_HOST", "npipe:////./pipe/docker_engine");
        assertThrows(EngineUnavailableException.class, () -> candidates(null, null, null));
    }

    @Test
    void onlyLoopbackAndSocketsCountAsThisMachine() {
        assertTrue(EngineEndpoint.isOnThisMachine("unix:///var/run/docker.sock"));
        assertTrue(EngineEndpoint.isOnThisMachine("tcp://127.0.0.1:2375"));
        assertTrue(EngineEndpoint.isOnThisMachine("tcp://127.1.2.3:2375"));
        assertTrue(EngineEndpoint.isOnThisMachine("tcp://localhost:2375"));
        assertTrue(EngineEndpoint.isOnThisMachine("tcp://[::1]:2375"));
        assertFalse(EngineEndpoint.isOnThisMachine("tcp://10.0.0.2:2376"));
        assertFalse(EngineEndpoint.isOnThisMachine("tcp://build-host.example:2376"));
    }
}
