package io.openim.maven.docker;

import io.openim.maven.OpenImException;

/**
 * The engine refused or failed a request. The message says which request and the engine's own
 * words; {@link #reason()} lets services react without reading the message, and
 * {@link #engineDetail()} keeps the raw reply for verbose logs.
 */
public class EngineException extends OpenImException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, as far as the adapter can tell. */
    public enum Reason {
        /** The container, image, volume or network asked for does not exist. */
        NOT_FOUND,
        /** A name is taken, or the object is busy (e.g. a removal already in progress). */
        CONFLICT,
        /** A published host port is taken by another program. */
        PORT_IN_USE,
        /** An image that a container or build needs is not on the engine. */
        IMAGE_MISSING,
        /** The container's command does not exist or cannot be executed in its image. */
        NO_EXECUTABLE,
        /** The network a container should join does not exist. */
        NETWORK_MISSING,
        /** The user a container should run as is not known in its image. */
        UNKNOWN_USER,
        /** The connection to the engine broke or was refused mid-goal. */
        CONNECTION_LOST,
        /** The engine did not answer within {@code engineTimeout}, or stopped answering pings. */
        NO_ANSWER,
        /** What answered was not a well-formed Docker answer (not JSON, not HTTP, a broken body). */
        BAD_ANSWER,
        OTHER
    }

    private final Reason reason;
    private final String engineDetail;
    private final int status;

    public EngineException(String message, Reason reason, String engineDetail, Throwable cause) {
        this(message, reason, engineDetail, cause, 0);
    }

    /** @param status the HTTP status of the engine's reply, 0 when there was none */
    public EngineException(String message, Reason reason, String engineDetail, Throwable cause, int status) {
        super(message, cause);
        this.reason = reason;
        this.engineDetail = engineDetail;
        this.status = status;
    }

    /** The HTTP status of the engine's reply, or 0 when the failure was not a reply. */
    public int status() {
        return status;
    }

    public EngineException(String message, Reason reason) {
        this(message, reason, null, null);
    }

    public EngineException(String message) {
        this(message, Reason.OTHER);
    }

    public Reason reason() {
        return reason;
    }

    /** The engine's raw reply, or null; for verbose logs only. */
    public String engineDetail() {
        return engineDetail;
    }
}
