package io.openim.maven.util;

/** Where services report progress; the mojos adapt Maven's log to it. */
public interface Console {

    void info(String message);

    void warn(String message);

    void debug(String message);

    /** Whether detailed output (rsync itemisation, build steps of cached images) is wanted. */
    boolean verbose();
}
