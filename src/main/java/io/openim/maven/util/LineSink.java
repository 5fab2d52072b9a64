package io.openim.maven.util;

import java.util.function.Consumer;

/**
 * Takes lines of output in batches: all the whole lines one read delivered, so a flood of short
 * lines costs one call (and one text) per read instead of one per line.
 */
@FunctionalInterface
public interface LineSink {

    void lines(Lines batch);

    /** A sink that hands each line on by itself. */
    static LineSink each(Consumer<String> line) {
        return batch -> batch.forEach(line);
    }
}
