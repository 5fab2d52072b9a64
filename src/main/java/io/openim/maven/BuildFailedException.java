package io.openim.maven;

/** The user's own build (a command or Dockerfile) failed, as opposed to the plugin or its setup. */
public class BuildFailedException extends OpenImException {

    private static final long serialVersionUID = 1L;

    public BuildFailedException(String message) {
        super(message);
    }
}
