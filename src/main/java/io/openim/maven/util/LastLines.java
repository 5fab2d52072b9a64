package io.openim.maven.util;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/** Keeps the last lines that passed through it, for error messages after a failure. */
public final class LastLines implements Consumer<String> {

    private final int capacity;
    private final Deque<String> lines = new ArrayDeque<>();

    public LastLines(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public synchronized void accept(String line) {
        if (lines.size() == capacity) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    /** The last of a batch's lines: only as many as are kept are made. */
    public void accept(Lines batch) {
        batch.last(capacity).forEach(this);
    }

    public synchronized List<String> lines() {
        return new ArrayList<>(lines);
    }

    /** The kept lines under a heading, for a message: "\nHEADING:\n  line\n  line". */
    public String format(String heading) {
        return format(heading, lines());
    }

    /**
     * Lines under a heading, each indented, or a note that there were none, so a message never ends
     * in an empty list.
     */
    public static String format(String heading, List<String> lines) {
        List<String> shown = lines.stream().filter(line -> !line.isBlank()).toList();
        if (shown.isEmpty()) {
            return "\n" + heading + ": (no output)";
        }
        return "\n" + heading + ":\n  " + String.join("\n  ", shown);
    }
}
