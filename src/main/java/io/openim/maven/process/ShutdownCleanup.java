package io.openim.maven.process;

import io.openim.maven.util.Console;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Undoes what a goal created when the JVM is stopped early (Ctrl-C, SIGTERM, a CI cancel) instead
 * of leaving it for the next run. Each creator registers an undo action and closes the
 * registration once it removed the thing itself; whatever is still registered when the JVM stops
 * is undone, newest first, and reported in one line: "Interrupted: removed …" with what the goal
 * was doing and that nothing else was left. The goal's own failure that the stop caused (rsync
 * killed, the build container gone) is then not reported on top: see {@link #awaitExitIfStopping()}.
 * Normal paths never rely on it.
 */
public final class ShutdownCleanup implements AutoCloseable {

    /** Something registered for undoing; closing it means it no longer needs to be undone. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private final Console console;
    private final String goal;
    private final Map<Long, Entry> entries = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<String> kept = Collections.synchronizedList(new ArrayList<>());
    private final Thread hook;
    private final CountDownLatch hookDone = new CountDownLatch(1);
    private long nextId;
    private volatile boolean interrupted;
    private volatile String activity;

    private record Entry(String what, Runnable undo, boolean process) {}

    public ShutdownCleanup(Console console) {
        this(console, null);
    }

    /** @param goal what the line names as interrupted, e.g. "openim:build"; null for none */
    public ShutdownCleanup(Console console, String goal) {
        this.console = console;
        this.goal = goal;
        this.hook = new Thread(this::undoAll, "openim-shutdown-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Registers {@code undo} for {@code what} (e.g. "container openim-rsync-…"), to run only if the
     * JVM stops before the registration is closed; it is reported as removed.
     */
    public Registration register(String what, Runnable undo) {
        return add(new Entry(what, undo, false));
    }

    /** Registers a process of this machine to stop, e.g. "rsync (sync in)"; it is reported as stopped. */
    public Registration registerProcess(String what, Runnable stop) {
        return add(new Entry(what, stop, true));
    }

    private Registration add(Entry entry) {
        long id;
        synchronized (entries) {
            id = nextId++;
            entries.put(id, entry);
        }
        return () -> entries.remove(id);
    }

    /** What the goal is doing now, e.g. "sync in", for the line a stop prints. */
    public void during(String what) {
        activity = what;
    }

    /** Something that stays on purpose when the goal is stopped, e.g. "the data container …". */
    public void keeps(String what) {
        if (!kept.contains(what)) {
            kept.add(what);
        }
    }

    /** Whether the JVM is stopping and this cleanup has started undoing. */
    public boolean interrupted() {
        return interrupted;
    }

    /**
     * Whether the JVM begins to stop within {@code grace}: a child process that got the terminal's
     * Ctrl-C may end before the JVM's own handler has started this cleanup.
     */
    public boolean stoppingWithin(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        while (!interrupted && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return interrupted;
    }

    /**
     * When the JVM is stopping, waits for the cleanup's line and then for the JVM to end, so that
     * the failure the stop caused is not reported after it; returns at once otherwise.
     */
    public void awaitExitIfStopping() {
        if (!interrupted || !jvmStopping()) {
            return;
        }
        awaitHook();
        while (true) {
            // The JVM halts once every shutdown hook is done; nothing more to say until then.
            LockSupport.park(this);
        }
    }

    private static boolean jvmStopping() {
        Thread probe = new Thread(() -> {});
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
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
            List<String> stopped = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            for (Entry entry : pending) {
                try {
                    entry.undo().run();
                    (entry.process() ? stopped : removed).add(entry.what());
                } catch (RuntimeException e) {
                    failed.add(entry.what());
                    console.warn("Interrupted: could not remove " + entry.what() + ": " + e.getMessage());
                }
            }
            console.warn(summary(removed, stopped, failed));
        } finally {
            hookDone.countDown();
        }
    }

    /** The one line: what was removed and stopped, what the goal was doing, what is left. */
    private String summary(List<String> removed, List<String> stopped, List<String> failed) {
        StringBuilder line = new StringBuilder("Interrupted");
        String separator = ": ";
        if (!removed.isEmpty()) {
            line.append(separator).append("removed ").append(String.join(", ", removed));
            separator = "; ";
        }
        if (!stopped.isEmpty()) {
            line.append(separator).append("stopped ").append(String.join(", ", stopped));
            separator = "; ";
        }
        String doing = activity;
        if (goal != null || doing != null) {
            line.append(separator)
                    .append(goal == null ? "the goal" : goal)
                    .append(" was stopped")
                    .append(doing == null ? "" : " during " + doing);
            separator = "; ";
        }
        line.append(separator)
                .append(failed.isEmpty() ? "nothing else was left behind" : "what could not be removed is named above");
        List<String> staying = List.copyOf(kept);
        if (!staying.isEmpty()) {
            line.append(" (").append(String.join(", ", staying)).append(" stays for the next build)");
        }
        return line.toString();
    }

    private void awaitHook() {
        try {
            hookDone.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException interruptedWait) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is stopping and the hook runs: what it removes needs the engine connection,
            // which the caller closes after this returns, so wait for it.
            awaitHook();
        }
    }
}
