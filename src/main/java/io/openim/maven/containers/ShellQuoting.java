package io.openim.maven.containers;

/** Quoting for /bin/sh command lines the plugin writes. */
final class ShellQuoting {

    private ShellQuoting() {}

    /** 'text', with embedded single quotes closed, escaped and reopened. */
    static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
