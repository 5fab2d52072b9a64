package io.openim.maven.docker.api;

import io.openim.maven.docker.EngineException;
import io.openim.maven.docker.ImageInfo;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What a failed engine build leaves: the images of the steps that worked, untagged. They go with
 * the build: only those the build made itself ({@link BuildSteps}), latest first, never a tagged
 * one, never a parent (no pruning). A build stopped by Ctrl-C lands here on an interrupted thread,
 * whose calls would fail at once, and with its step container still going: the interrupt waits,
 * and "in use" is retried for a while.
 */
final class StepImageCleanup {

    private static final long RETRY_FOR_SECONDS = 10;
    private static final long RETRY_EVERY_MILLIS = 200;

    private final Function<String, Optional<ImageInfo>> inspect;
    private final Consumer<String> removeWithoutPrune;

    StepImageCleanup(Function<String, Optional<ImageInfo>> inspect, Consumer<String> removeWithoutPrune) {
        this.inspect = inspect;
        this.removeWithoutPrune = removeWithoutPrune;
    }

    void removeMadeBy(BuildSteps steps) {
        boolean interrupted = Thread.interrupted();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RETRY_FOR_SECONDS);
            for (String id : steps.madeLatestFirst()) {
                removeOne(id, deadline);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void removeOne(String id, long deadline) {
        while (true) {
            try {
                if (inspect.apply(id).map(image -> image.tags().isEmpty()).orElse(false)) {
                    removeWithoutPrune.accept(id);
                }
                return;
            } catch (EngineException e) {
                // Gone, or still in use after a while: the build's own error matters more.
                if (e.reason() != EngineException.Reason.CONFLICT || System.nanoTime() > deadline || !pause()) {
                    return;
                }
            }
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(RETRY_EVERY_MILLIS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
