package io.openim.maven.util;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Whole lines that arrived together, kept as one text (the lines joined with {@code \n}), so that a
 * flood of short lines is decoded and logged in one piece instead of as one object per line. The
 * lines themselves are made only for whoever asks for them.
 */
public final class Lines {

    private final String text;
    private final int count;

    private Lines(String text, int count) {
        this.text = text;
        this.count = count;
    }

    /** {@code text}: the lines joined with {@code \n}, none of them holding one. */
    static Lines joined(String text, int count) {
        return new Lines(text, count);
    }

    public static Lines of(List<String> lines) {
        return new Lines(String.join("\n", lines), lines.size());
    }

    /** The lines joined with {@code \n}. */
    public String text() {
        return text;
    }

    public int count() {
        return count;
    }

    public void forEach(Consumer<String> line) {
        int start = 0;
        for (int i = 0; i < count; i++) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            line.accept(text.substring(start, end));
            start = end + 1;
        }
    }

    public List<String> all() {
        List<String> all = new ArrayList<>(count);
        forEach(all::add);
        return all;
    }

    /** The last {@code n} lines (fewer if there are fewer), found from the end. */
    public List<String> last(int n) {
        Deque<String> last = new ArrayDeque<>();
        int end = text.length();
        for (int i = 0; i < Math.min(n, count); i++) {
            int start = text.lastIndexOf('\n', end - 1) + 1;
            if (end == 0) {
                start = 0;
            }
            last.addFirst(text.substring(start, end));
            end = start - 1;
        }
        return new ArrayList<>(last);
    }
}
