package io.openim.maven.process;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Measures the steps of a goal so the log ends with where the time went; the benchmark script
 * reads that line.
 */
public final class StepTimer {

    private final Map<String, Long> millis = new LinkedHashMap<>();

    public <T> T time(String step, Supplier<T> action) {
        long start = System.nanoTime();
        try {
            return action.get();
        } finally {
            millis.merge(step, (System.nanoTime() - start) / 1_000_000, Long::sum);
        }
    }

    public void time(String step, Runnable action) {
        time(step, () -> {
            action.run();
            return null;
        });
    }

    /** e.g. "build-image=12ms data-container=3ms sync-in=140ms". */
    public String summary() {
        StringBuilder text = new StringBuilder();
        millis.forEach((step, ms) -> text.append(text.length() == 0 ? "" : " ")
                .append(step)
                .append('=')
                .append(ms)
                .append("ms"));
        return text.toString();
    }

    public boolean isEmpty() {
        return millis.isEmpty();
    }
}
