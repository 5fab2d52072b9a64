package io.openim.maven.docker;

import com.github.dockerjava.api.exception.DockerException;

/** The most telling message in an exception chain, without the stack. */
final class CauseText {

    private CauseText() {
    }

    static String of(Throwable error) {
        String best = null;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                best = t.getMessage();
                // docker-java wraps the engine's JSON reply; the first message is the engine's own.
                if (t instanceof DockerException) {
                    break;
                }
            }
        }
        return best == null ? error.getClass().getSimpleName() : best.strip();
    }
}
