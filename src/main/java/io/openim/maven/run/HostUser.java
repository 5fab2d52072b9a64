package io.openim.maven.run;

/** The uid:gid of the user running Maven, so build results come back owned by them. */
public final class HostUser {

    private HostUser() {
    }

    /** "uid:gid", or null where the platform has no numeric user ids. */
    public static String current() {
        try {
            com.sun.security.auth.module.UnixSystem unix = new com.sun.security.auth.module.UnixSystem();
            return unix.getUid() + ":" + unix.getGid();
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }
}
