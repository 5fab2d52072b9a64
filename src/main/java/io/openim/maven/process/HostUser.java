package io.openim.maven.process;

import com.sun.security.auth.module.UnixSystem;

/** The user running Maven, so build results come back owned by them. */
public final class HostUser {

    private HostUser() {}

    /** The host's uid:gid, or null where the platform has no numeric user ids. */
    public static BuildUser current() {
        try {
            UnixSystem unix = new UnixSystem();
            return BuildUser.numeric(unix.getUid(), unix.getGid());
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }
}
