package io.openim.maven.plugin;

import io.openim.maven.util.Console;
import io.openim.maven.util.Lines;
import java.util.function.Consumer;
import org.apache.maven.plugin.logging.Log;

/**
 * Maven's log as a {@link Console}. In a parallel reactor ({@code -T 2}) the lines of two
 * modules interleave, so each line of each message then starts with the module's name; the build
 * container's output reaches the log through here too.
 */
final class MavenConsole implements Console {

    private final Log log;
    private final boolean verbose;
    /** "[module] ", or null when the session is not parallel. */
    private final String prefix;

    MavenConsole(Log log, boolean verbose) {
        this(log, verbose, null);
    }

    /** @param module the name every line starts with, or null for none */
    MavenConsole(Log log, boolean verbose, String module) {
        this.log = log;
        this.verbose = verbose;
        this.prefix = module == null ? null : "[" + module + "] ";
    }

    @Override
    public void info(String message) {
        write(log::info, message);
    }

    /**
     * One log call for the lines of one read, the later ones carrying the level prefix Maven's
     * batch-mode log gives each line: a write and a flush per line would hold a flood of short
     * lines back to a fraction of the engine's speed.
     */
    @Override
    public void info(Lines lines) {
        if (lines.count() == 0 || !log.isInfoEnabled()) {
            return;
        }
        String text = lines.text();
        if (prefix != null) {
            text = prefix + text.replace("\n", "\n" + prefix);
        }
        log.info(lines.count() == 1 ? text : text.replace("\n", CONTINUATION));
    }

    private static final String CONTINUATION = System.lineSeparator() + "[INFO] ";

    @Override
    public void warn(String message) {
        write(log::warn, message);
    }

    @Override
    public void debug(String message) {
        if (verbose) {
            write(log::info, message);
        } else if (log.isDebugEnabled()) {
            write(log::debug, message);
        }
    }

    private void write(Consumer<CharSequence> level, String message) {
        if (prefix == null) {
            level.accept(message);
            return;
        }
        if (message.indexOf('\n') < 0) {
            level.accept(prefix + message);
            return;
        }
        message.lines().forEach(line -> level.accept(prefix + line));
    }

    @Override
    public boolean verbose() {
        return verbose || log.isDebugEnabled();
    }
}
