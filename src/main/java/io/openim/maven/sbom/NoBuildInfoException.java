package io.openim.maven.sbom;

/** A binary without Go build information the plugin can read; the message says why, for a warning. */
public final class NoBuildInfoException extends Exception {

    private static final long serialVersionUID = 1L;

    NoBuildInfoException(String reason) {
        super(reason);
    }
}
