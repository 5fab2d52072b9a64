package io.openim.maven.util;

/** Where services report progress; the mojos adapt Maven's log to it. */
public interface Console {

    void info(String message);

    /**
     * Lines of output that arrived together (a build's), as info; a console may write them at once,
     * which is what keeps a flood of short lines at the speed it comes.
     */
    default void info(Lines lines) {
        lines.forEach(this::info);
    }

    void warn(String message);

    void debug(String message);

    /** Whether detailed output (rsync itemisation, build steps of cached images) is wanted. */
    boolean verbose();
}
