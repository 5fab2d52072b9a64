package io.openim.maven.process;

import io.openim.maven.util.Console;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Undoes what a goal created when the JVM is stopped early (Ctrl-C, SIGTERM, a CI cancel) instead
 * of leaving it for the next run. Each creator registers an undo action and closes the
 * registration once it removed the thing itself; whatever is still registered when the JVM stops
 * is undone, newest first, and reported as "Interrupted: removed …". Normal paths never rely on it.
 */
public final class ShutdownCleanup implements AutoCloseable {

    /** Something registered for undoing; closing it means it no longer needs to be undone. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private final Console console;
    private final Map<Long, Entry> entries = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Thread hook;
    private final CountDownLatch hookDone = new CountDownLatch(1);
    private long nextId;
    private volatile boolean interrupted;

    private record Entry(String what, Runnable undo) {}

    public ShutdownCleanup(Console console) {
        this.console = console;
        this.hook = new Thread(this::undoAll, "openim-shutdown-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Registers {@code undo} for {@code what} (e.g. "container openim-rsync-…"), to run only if the
     * JVM stops before the registration is closed.
     */
    public Registration register(String what, Runnable undo) {
        long id;
        synchronized (entries) {
            id = nextId++;
            entries.put(id, new Entry(what, undo));
        }
        return () -> entries.remove(id);
    }

    /** Whether the JVM is stopping and this cleanup has started undoing. */
    public boolean interrupted() {
        return interrupted;
    }

    /** Runs the undo actions now; the shutdown hook calls it, tests too. */
    void undoAll() {
        interrupted = true;
        try {
            List<Entry> pending;
            synchronized (entries) {
                pending = new ArrayList<>(entries.values());
                entries.clear();
            }
            Collections.reverse(pending);
            List<String> removed = new ArrayList<>();
            for (Entry entry : pending) {
                try {
                    entry.undo().run();
                    removed.add(entry.what());
                } catch (RuntimeException e) {
                    console.warn("Interrupted: could not remove " + entry.what() + ": " + e.getMessage());
                }
            }
            if (!removed.isEmpty()) {
                console.warn("Interrupted: removed " + String.join(", ", removed));
            }
        } finally {
            hookDone.countDown();
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is stopping and the hook runs: what it removes needs the engine connection,
            // which the caller closes after this returns, so wait for it.
            try {
                hookDone.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException interruptedWait) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
