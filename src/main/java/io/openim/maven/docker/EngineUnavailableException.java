package io.openim.maven.docker;

import io.openim.maven.OpenImException;

/** No configured or well-known endpoint answered. */
public class EngineUnavailableException extends OpenImException {

    private static final long serialVersionUID = 1L;

    public EngineUnavailableException(String message) {
        super(message);
    }
}
