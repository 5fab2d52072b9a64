package io.openim.maven.util;

import java.util.List;
import java.util.function.Consumer;

/**
 * Takes lines of output in batches: all the whole lines one read delivered, so a flood of short
 * lines costs one call per read instead of one per line.
 */
@FunctionalInterface
public interface LineSink {

    /** The lines in the order they came; the list is not kept by the caller. */
    void lines(List<String> batch);

    /** A sink that hands each line on by itself. */
    static LineSink each(Consumer<String> line) {
        return batch -> batch.forEach(line);
    }
}
