package io.openim.maven.process;

import com.sun.security.auth.module.UnixSystem;

/** The uid:gid of the user running Maven, so build results come back owned by them. */
public final class HostUser {

    private HostUser() {}

    /** "uid:gid", or null where the platform has no numeric user ids. */
    public static String current() {
        try {
            UnixSystem unix = new UnixSystem();
            return unix.getUid() + ":" + unix.getGid();
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }

    /** Whether Maven runs as root, where the container's root is the host's root either way. */
    public static boolean isRoot(String uidGid) {
        return uidGid != null && uidGid.startsWith("0:");
    }
}
