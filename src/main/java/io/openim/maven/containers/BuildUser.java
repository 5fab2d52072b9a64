package io.openim.maven.containers;

import io.openim.maven.docker.DockerEngine;
import io.openim.maven.process.HostUser;

/**
 * Who the build and rsync containers run as: the configured user, else root on a rootless engine
 * (where root is the host user), else the host's own uid:gid, so results come back owned by the
 * user who ran Maven.
 */
public final class BuildUser {

    private BuildUser() {}

    public static String resolve(String configured, String hostUser, DockerEngine engine) {
        if (configured != null) {
            return configured;
        }
        if (hostUser == null || HostUser.isRoot(hostUser)) {
            // Root on the host is root in the container either way; no need for the slow /info call.
            return "0:0";
        }
        return engine.rootless() ? "0:0" : hostUser;
    }
}
