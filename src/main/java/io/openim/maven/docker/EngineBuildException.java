package io.openim.maven.docker;

import java.util.List;

/** An image build whose Dockerfile failed; carries the engine's error and the last output lines. */
public class EngineBuildException extends EngineException {

    private static final long serialVersionUID = 1L;

    private final String engineError;
    private final List<String> lastLines;

    public EngineBuildException(String engineError, List<String> lastLines) {
        this(engineError, Reason.OTHER, lastLines);
    }

    public EngineBuildException(String engineError, Reason reason, List<String> lastLines) {
        super(engineError, reason);
        this.engineError = engineError;
        this.lastLines = List.copyOf(lastLines);
    }

    public String engineError() {
        return engineError;
    }

    public List<String> lastLines() {
        return lastLines;
    }
}
