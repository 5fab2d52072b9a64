package io.openim.maven.registry;

import io.openim.maven.OpenImException;

/** A push the registry refused, or could not be reached for; the message names image, registry and why. */
public class PushException extends OpenImException {

    private static final long serialVersionUID = 1L;

    /** Why, as the registry API says it. */
    public enum Reason {
        UNAUTHORIZED,
        DENIED,
        NOT_FOUND,
        UNREACHABLE,
        NOT_HTTPS,
        OTHER
    }

    private final Reason reason;

    public PushException(String message, Reason reason, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
