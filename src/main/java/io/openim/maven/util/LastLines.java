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

    public synchronized List<String> lines() {
        return new ArrayList<>(lines);
    }
}
