package io.openim.maven.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openim.maven.OpenImException;
import io.openim.maven.oci.Platform;
import io.openim.maven.setting.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinaryScannerTest {

    @TempDir
    Path temp;

    private Path root;

    @BeforeEach
    void layOut() throws IOException {
        root = temp.resolve("scan/bin");
        Files.createDirectories(root.resolve("linux/amd64/nested"));
        Files.createDirectories(root.resolve("linux/arm64"));
        Files.createDirectories(root.resolve("linux/arm/v7"));
        Files.createDirectories(root.resolve("darwin/amd64"));
        Files.writeString(root.resolve("README"), "depth 1");
        Files.writeString(root.resolve("linux/notes.txt"), "depth 2");
        Files.writeString(root.resolve("linux/amd64/nested/too-deep"), "not a variant");
        Files.writeString(root.resolve("linux/amd64/openim-api"), "1");
        Files.writeString(root.resolve("linux/amd64/openim-push"), "2");
        Files.writeString(root.resolve("linux/arm64/openim-api"), "3");
        Files.writeString(root.resolve("linux/arm/v7/openim-api"), "5");
        Files.writeString(root.resolve("darwin/amd64/openim-api"), "4");
    }

    private static List<Platform> platforms(String... names) {
        List<Platform> result = new ArrayList<>();
        for (String name : names) {
            result.add(Platform.parse(name, Setting.BUILD_PLATFORMS));
        }
        return result;
    }

    private static List<String> describe(List<ReleaseBinary> binaries) {
        return binaries.stream().map(b -> b.platform() + "/" + b.name()).toList();
    }

    @Test
    void binariesLiveAtOsArchNameOrOsArchVariantName() {
        assertEquals(
                List.of(
                        "linux/amd64/openim-api",
                        "linux/amd64/openim-push",
                        "linux/arm/v7/openim-api",
                        "linux/arm64/openim-api"),
                describe(BinaryScanner.scan(root, List.of(), platforms("linux/amd64", "linux/arm64", "linux/arm/v7"))));
        ReleaseBinary armv7 =
                BinaryScanner.scan(root, List.of(), platforms("linux/arm/v7")).get(0);
        assertEquals("openim-api-arm-v7", armv7.imageName());
        assertEquals(root.resolve("linux/arm/v7/openim-api"), armv7.file());
    }

    @Test
    void oneNameAndArchOnTwoOperatingSystemsIsRefused() {
        OpenImException e = assertThrows(OpenImException.class, () -> BinaryScanner.scan(root, List.of(), List.of()));
        assertTrue(e.getMessage().contains("openim-api exists for amd64 on more than one OS"), e.getMessage());
        assertTrue(e.getMessage().contains("buildPlatforms"), e.getMessage());
    }

    @Test
    void anUnknownNameIsNamedEvenWhenOtherBinariesExist() {
        OpenImException e = assertThrows(
                OpenImException.class,
                () -> BinaryScanner.scan(root, List.of("openim-nope"), platforms("linux/amd64")));
        assertTrue(e.getMessage().contains("[openim-nope]"), e.getMessage());
        assertFalse(e.getMessage().contains("Run openim:build first"), e.getMessage());
    }

    @Test
    void aRequestedPlatformWithoutBinariesIsNamed() {
        OpenImException e = assertThrows(
                OpenImException.class,
                () -> BinaryScanner.scan(root, List.of(), platforms("linux/amd64", "linux/s390x")));
        assertTrue(e.getMessage().contains("asks for linux/s390x but"), e.getMessage());
    }

    @Test
    void nothingAtAllPointsAtTheBuildGoal() {
        OpenImException e = assertThrows(
                OpenImException.class, () -> BinaryScanner.scan(temp.resolve("nowhere"), List.of(), List.of()));
        assertTrue(e.getMessage().contains("Run openim:build first"), e.getMessage());
    }

    @Test
    void platformStringsAreChecked() {
        for (String bad : List.of("linux", "linux/x86_64", "Linux/amd64", "linux/arm/v9", "linux/amd64/v7/x")) {
            OpenImException e = assertThrows(OpenImException.class, () -> Platform.parse(bad, Setting.BUILD_PLATFORMS));
            assertTrue(e.getMessage().contains("'" + bad + "' in 'buildPlatforms'"), e.getMessage());
            assertTrue(e.getMessage().contains("e.g. linux/amd64, linux/arm64 or linux/arm/v7"), e.getMessage());
        }
        assertEquals(
                "linux/arm/v7",
                Platform.parse(" linux/arm/v7 ", Setting.BUILD_PLATFORMS).toString());
    }
}
