package io.openim.maven.docker;

import io.openim.maven.OpenImException;

/** The engine refused or failed a request; the message says which and why. */
public class EngineException extends OpenImException {

    private static final long serialVersionUID = 1L;

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }

    public EngineException(String message) {
        super(message);
    }
}
