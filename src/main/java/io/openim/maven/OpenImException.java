package io.openim.maven;

/**
 * A failure the user can act on. The message is shown as is: it names the parameter, file or
 * engine object involved and says what to do about it.
 */
public class OpenImException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OpenImException(String message) {
        super(message);
    }

    public OpenImException(String message, Throwable cause) {
        super(message, cause);
    }
}
