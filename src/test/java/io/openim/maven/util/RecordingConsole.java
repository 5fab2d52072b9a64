package io.openim.maven.util;

import java.util.ArrayList;
import java.util.List;

/** A {@link Console} that keeps every message, for assertions on what a service reported. */
public final class RecordingConsole implements Console {

    public final List<String> infos = java.util.Collections.synchronizedList(new ArrayList<>());
    public final List<String> warnings = java.util.Collections.synchronizedList(new ArrayList<>());
    public final List<String> debugs = java.util.Collections.synchronizedList(new ArrayList<>());
    private final boolean verbose;

    public RecordingConsole() {
        this(false);
    }

    public RecordingConsole(boolean verbose) {
        this.verbose = verbose;
    }

    @Override
    public void info(String message) {
        infos.add(message);
    }

    @Override
    public void warn(String message) {
        warnings.add(message);
    }

    @Override
    public void debug(String message) {
        debugs.add(message);
    }

    @Override
    public boolean verbose() {
        return verbose;
    }
}
