package io.openim.maven.naming;

/** What an engine object is for; stored in the {@code io.openim.role} label. */
public enum Role {
    BUILD_IMAGE("build-image"),
    DATA("data"),
    RSYNC("rsync"),
    BUILD("build"),
    RELEASE_IMAGE("release-image");

    private final String label;

    Role(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
