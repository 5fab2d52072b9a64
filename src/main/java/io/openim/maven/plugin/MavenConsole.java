package io.openim.maven.plugin;

import io.openim.maven.util.Console;
import io.openim.maven.util.Lines;
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

    /**
     * One log call for the lines of one read, the later ones carrying the level prefix Maven's
     * batch-mode log gives each line: a write and a flush per line would hold a flood of short
     * lines back to a fraction of the engine's speed.
     */
    @Override
    public void info(Lines lines) {
        if (lines.count() == 1) {
            log.info(lines.text());
        } else if (lines.count() > 1 && log.isInfoEnabled()) {
            log.info(lines.text().replace("\n", CONTINUATION));
        }
    }

    private static final String CONTINUATION = System.lineSeparator() + "[INFO] ";

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
