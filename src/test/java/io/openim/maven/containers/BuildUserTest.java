package io.openim.maven.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.openim.maven.docker.FakeDockerEngine;
import org.junit.jupiter.api.Test;

class BuildUserTest {

    private final FakeDockerEngine rootless = new FakeDockerEngine().withRootless(true);
    private final FakeDockerEngine rootful = new FakeDockerEngine().withRootless(false);

    @Test
    void explicitBuildUserWins() {
        assertEquals("1234:5678", BuildUser.resolve("1234:5678", "1000:1000", rootless));
        assertEquals("1234:5678", BuildUser.resolve("1234:5678", "1000:1000", rootful));
    }

    @Test
    void rootlessEngineBuildsAsContainerRoot() {
        assertEquals("0:0", BuildUser.resolve(null, "1000:1000", rootless));
    }

    @Test
    void otherwiseTheHostUserBuilds() {
        assertEquals("1000:1000", BuildUser.resolve(null, "1000:1000", rootful));
        assertEquals("0:0", BuildUser.resolve(null, null, rootful), "no numeric host user");
        assertEquals("0:0", BuildUser.resolve(null, "0:0", rootless), "root is root either way");
    }
}
