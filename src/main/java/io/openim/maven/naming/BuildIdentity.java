package io.openim.maven.naming;

import io.openim.maven.OpenImException;
import io.openim.maven.setting.Setting;
import io.openim.maven.util.TextInput;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The names and labels of everything the plugin creates for one checkout. The hash keeps
 * checkouts apart on a shared machine; the version lets a bump clear all earlier state.
 */
public record BuildIdentity(String hash, String version, String project) {

    public static final String LABEL_MANAGED = "io.openim.managed";
    public static final String LABEL_HASH = "io.openim.hash";
    public static final String LABEL_VERSION = "io.openim.version";
    public static final String LABEL_ROLE = "io.openim.role";
    public static final String LABEL_PROJECT = "io.openim.project";

    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");
    /** An image tag is at most 128 characters; "build-" + hash + "-" takes 17. */
    static final int MAX_VERSION_LENGTH = 128 - 17;

    public BuildIdentity {
        validateVersion(version, Setting.BUILD_IMAGE_VERSION.describe());
    }

    /**
     * The first 10 hex characters of md5("HOSTNAME:CANONICAL_ROOT:BRANCH"), as the original build
     * scripts computed it; the branch is empty for a detached HEAD or no git checkout.
     */
    public static String hash(String hostname, String canonicalRoot, String branch) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] digest = md5.digest((hostname + ":" + canonicalRoot + ":" + (branch == null ? "" : branch))
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Refuses a version that cannot be part of an image tag.
     *
     * @param origin where the version came from, for the message: the setting or the VERSION file
     */
    public static void validateVersion(String version, String origin) {
        if (version == null || !VERSION.matcher(version).matches() || version.length() > MAX_VERSION_LENGTH) {
            throw new OpenImException(
                    "The build image version '" + (version == null ? null : TextInput.escaped(version))
                            + "' cannot be part of an image tag."
                            + " Use letters, digits, '_', '.' and '-' (not first), at most " + MAX_VERSION_LENGTH
                            + " characters: fix " + origin + ".");
        }
    }

    public String buildImageRepository() {
        return "openim-build";
    }

    public String buildImageTag() {
        return "build-" + hash + "-" + version;
    }

    public String buildImage() {
        return buildImageRepository() + ":" + buildImageTag();
    }

    public String buildContainer() {
        return "openim-build-" + hash + "-" + version;
    }

    public String rsyncContainer() {
        return "openim-rsync-" + hash + "-" + version;
    }

    public String dataContainer() {
        return "openim-build-data-" + hash + "-" + version;
    }

    /** A named volume of the data container; {@code index} orders the mounted paths. */
    public String dataVolume(int index) {
        return dataContainer() + "-" + index;
    }

    /**
     * Labels for an object of this checkout. Objects of the build environment carry the version, so
     * a version bump can clear them; release images do not depend on it and carry none.
     */
    public Map<String, String> labels(Role role) {
        Map<String, String> labels = checkoutLabels(hash, project, role);
        if (role.versioned()) {
            labels.put(LABEL_VERSION, version);
        }
        return labels;
    }

    /** Labels for an object of a checkout that belongs to no build image version. */
    public static Map<String, String> checkoutLabels(String hash, String project, Role role) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(LABEL_MANAGED, "true");
        labels.put(LABEL_HASH, hash);
        labels.put(LABEL_ROLE, role.label());
        if (project != null) {
            labels.put(LABEL_PROJECT, project);
        }
        return labels;
    }

    /** The label filter that finds every object of a checkout, whatever its version. */
    public static Map<String, String> hashFilter(String hash) {
        return Map.of(LABEL_HASH, hash);
    }
}
