package io.openim.maven.naming;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openim.maven.OpenImException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BuildIdentityTest {

    @Test
    void hashIsFirstTenHexOfMd5OfHostRootAndBranch() throws Exception {
        byte[] digest = MessageDigest.getInstance("MD5")
                .digest("build-box:/home/ci/openim:release-3.8".getBytes(StandardCharsets.UTF_8));
        StringBuilder hex = new StringBuilder();
        for (byte b : digest) {
            hex.append(String.format("%02x", b & 0xff));
        }
        assertEquals(hex.substring(0, 10), BuildIdentity.hash("build-box", "/home/ci/openim", "release-3.8"));
    }

    @Test
    void hashOfAKnownInputIsPinned() {
        // md5("host:/src:main") = dbfc6eea23c8a49ac71a3820863049d8
        assertEquals("dbfc6eea23", BuildIdentity.hash("host", "/src", "main"));
    }

    @Test
    void emptyAndMissingBranchHashAlike() {
        String empty = BuildIdentity.hash("host", "/src", "");
        assertEquals("8cb607f48e", empty);
        assertEquals(empty, BuildIdentity.hash("host", "/src", null));
        assertNotEquals(empty, BuildIdentity.hash("host", "/src", "main"));
    }

    @Test
    void hashSeparatesCheckoutsAndMachines() {
        String base = BuildIdentity.hash("host", "/src", "main");
        assertNotEquals(base, BuildIdentity.hash("other", "/src", "main"));
        assertNotEquals(base, BuildIdentity.hash("host", "/src2", "main"));
        assertNotEquals(base, BuildIdentity.hash("host", "/src", "dev"));
        assertTrue(base.matches("[0-9a-f]{10}"), base);
    }

    @Test
    void namesFollowTheOriginalScheme() {
        BuildIdentity id = new BuildIdentity("0123456789", "5", "g:a");
        assertEquals("openim-build", id.buildImageRepository());
        assertEquals("build-0123456789-5", id.buildImageTag());
        assertEquals("openim-build:build-0123456789-5", id.buildImage());
        assertEquals("openim-build-0123456789-5", id.buildContainer());
        assertEquals("openim-rsync-0123456789-5", id.rsyncContainer());
        assertEquals("openim-build-data-0123456789-5", id.dataContainer());
        assertEquals("openim-build-data-0123456789-5-0", id.dataVolume(0));
        assertEquals("openim-build-data-0123456789-5-2", id.dataVolume(2));
    }

    @Test
    void labelsNameTheCheckoutVersionRoleAndProject() {
        BuildIdentity id = new BuildIdentity("abcdef0123", "v2", "io.openim:server");
        Map<String, String> labels = id.labels(Role.RSYNC);
        assertEquals(
                Map.of(
                        "io.openim.managed", "true",
                        "io.openim.hash", "abcdef0123",
                        "io.openim.version", "v2",
                        "io.openim.role", "rsync",
                        "io.openim.project", "io.openim:server"),
                labels);
        assertEquals("data", id.labels(Role.DATA).get(BuildIdentity.LABEL_ROLE));
        assertEquals("build-image", id.labels(Role.BUILD_IMAGE).get(BuildIdentity.LABEL_ROLE));
        assertEquals(Map.of("io.openim.hash", "abcdef0123"), BuildIdentity.hashFilter(id.hash()));
    }

    @Test
    void labelsLeaveOutAMissingProject() {
        Map<String, String> labels = new BuildIdentity("abcdef0123", "1", null).labels(Role.BUILD);
        assertFalse(labels.containsKey(BuildIdentity.LABEL_PROJECT));
        assertEquals("build", labels.get(BuildIdentity.LABEL_ROLE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-x", ".x", "a b", "a/b", "a:b", "ä"})
    void invalidVersionsAreRejectedNamingTheParameter(String version) {
        OpenImException e = assertThrows(OpenImException.class, () -> new BuildIdentity("0123456789", version, "g:a"));
        assertTrue(e.getMessage().contains("buildImageVersion"), e.getMessage());
        assertTrue(e.getMessage().contains("'" + version + "'"), e.getMessage());
    }

    @Test
    void nullVersionIsRejected() {
        assertThrows(OpenImException.class, () -> new BuildIdentity("0123456789", null, "g:a"));
    }

    @Test
    void versionMustLeaveTheImageTagWithin128Characters() {
        String longest = "v".repeat(111);
        BuildIdentity id = assertDoesNotThrow(() -> new BuildIdentity("0123456789", longest, "g:a"));
        assertEquals(128, id.buildImageTag().length());
        OpenImException e =
                assertThrows(OpenImException.class, () -> new BuildIdentity("0123456789", "v".repeat(112), "g:a"));
        assertTrue(e.getMessage().contains("buildImageVersion"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "v1.2.3-rc_1", "_x", "2024.01"})
    void validVersionsAreAccepted(String version) {
        BuildIdentity id = assertDoesNotThrow(() -> new BuildIdentity("0123456789", version, "g:a"));
        assertEquals("build-0123456789-" + version, id.buildImageTag());
    }
}
