package io.openim.maven.plugin;

import io.openim.maven.util.Console;
import org.apache.maven.plugin.logging.Log;

/** Maven's log as a {@link Console}. */
final class MavenConsole implements Console {

    private final Log log;
    private final boolean verbose;

    MavenConsole(Log log, boolean verbose) {
        this.log = log;
        this.verbose = verbose;
    }

    @Override
    public void info(String message) {
        log.info(message);
    }

    @Override
    public void warn(String message) {
        log.warn(message);
    }

    @Override
    public void debug(String message) {
        if (verbose) {
            log.info(message);
        } else {
            log.debug(message);
        }
    }

    @Override
    public boolean verbose() {
        return verbose || log.isDebugEnabled();
    }
}
