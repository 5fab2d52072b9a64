package io.openim.maven.naming;

/** What an engine object is for; stored in the {@code io.openim.role} label. */
public enum Role {
    BUILD_IMAGE("build-image", true),
    DATA("data", true),
    RSYNC("rsync", true),
    BUILD("build", true),
    RELEASE_IMAGE("release-image", false);

    private final String label;
    private final boolean versioned;

    Role(String label, boolean versioned) {
        this.label = label;
        this.versioned = versioned;
    }

    /** Whether objects of this role belong to one build image version. */
    public boolean versioned() {
        return versioned;
    }

    public String label() {
        return label;
    }
}
