package io.openim.maven.process;

import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * Who the build container runs as, and whom the rsync daemon writes the synced files for: a user
 * and an optional group, each a number or a name the build image defines, as Docker's
 * {@code --user} takes them. Parsed once, where the setting or the host is read.
 *
 * @param user a uid or a user name
 * @param group a gid or a group name; null when not given
 */
public record BuildUser(String user, String group) {

    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,10}");
    /** What useradd and groupadd accept, without the '$' of machine accounts. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,31}");

    /** The container's root, which is the host user on a rootless engine (after the patterns it needs). */
    public static final BuildUser ROOT = numeric(0, 0);

    public BuildUser {
        check(user, "user");
        if (group != null) {
            check(group, "group");
        }
    }

    public static BuildUser numeric(long uid, long gid) {
        return new BuildUser(Long.toString(uid), Long.toString(gid));
    }

    /**
     * Reads {@code USER[:GROUP]}, e.g. {@code 1000:1000}, {@code 1000}, {@code builder} or
     * {@code builder:staff}.
     *
     * @throws IllegalArgumentException saying what is wrong with it, for the caller to name the setting
     */
    public static BuildUser parse(String text) {
        String value = text.strip();
        int colon = value.indexOf(':');
        if (colon < 0) {
            return new BuildUser(value, null);
        }
        return new BuildUser(value.substring(0, colon), value.substring(colon + 1));
    }

    private static void check(String part, String what) {
        if (part == null || part.isEmpty()) {
            throw new IllegalArgumentException("the " + what + " is empty");
        }
        if (NUMBER.matcher(part).matches()) {
            if (Long.parseLong(part) > 4_294_967_294L) {
                throw new IllegalArgumentException(what + " id " + part + " is too large");
            }
            return;
        }
        if (!NAME.matcher(part).matches()) {
            throw new IllegalArgumentException(
                    "'" + part + "' is neither a number nor a " + what + " name (letters, digits, '_', '.', '-')");
        }
    }

    /** Whether the build runs as the container's root: uid 0 or the name root. */
    public boolean isRoot() {
        return user.equals("root") || (isNumber(user) && Long.parseLong(user) == 0);
    }

    /** The uid when the user is given as a number. */
    public OptionalInt uid() {
        return isNumber(user) ? OptionalInt.of(Integer.parseUnsignedInt(user)) : OptionalInt.empty();
    }

    /** The gid when the group is given as a number. */
    public OptionalInt gid() {
        return group != null && isNumber(group) ? OptionalInt.of(Integer.parseUnsignedInt(group)) : OptionalInt.empty();
    }

    /**
     * The group the files are written for by a daemon that switches to this user: the group when
     * given; else, as Docker does, a name's own groups ({@code *}: rsync reads them from the
     * image) and 0 for a bare uid.
     */
    public String groupForFiles() {
        if (group != null) {
            return group;
        }
        return isNumber(user) ? "0" : "*";
    }

    /** {@code USER[:GROUP]}, as Docker's {@code --user} and {@code chown} take it. */
    @Override
    public String toString() {
        return group == null ? user : user + ":" + group;
    }

    /**
     * The build user of a run: the configured one, else root on a rootless engine (where the
     * container's root is the host user), else the host user, so results come back as theirs.
     * Maven run as root, or a host without numeric ids, builds as root; the engine is only asked
     * when it matters.
     */
    public static BuildUser choose(BuildUser configured, BuildUser host, BooleanSupplier rootlessEngine) {
        if (configured != null) {
            return configured;
        }
        if (host == null || host.isRoot()) {
            return ROOT;
        }
        return rootlessEngine.getAsBoolean() ? ROOT : host;
    }

    private static boolean isNumber(String part) {
        return NUMBER.matcher(part).matches();
    }
}
