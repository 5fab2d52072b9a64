package io.openim.maven.run;

import io.openim.maven.docker.DockerEngine;
import io.openim.maven.util.Console;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Removes the throwaway containers (rsync, build) and host processes of a goal when the JVM is
 * stopped early, e.g. by Ctrl-C, instead of leaving them for the next run. Normal paths remove
 * what they created themselves and untrack it; this is only the safety net.
 */
public final class InterruptCleanup implements AutoCloseable {

    private final DockerEngine engine;
    private final Console console;
    private final Set<String> containers = ConcurrentHashMap.newKeySet();
    private final Set<Process> processes = ConcurrentHashMap.newKeySet();
    private final Thread hook;
    private final CountDownLatch hookDone = new CountDownLatch(1);

    public InterruptCleanup(DockerEngine engine, Console console) {
        this.engine = engine;
        this.console = console;
        this.hook = new Thread(this::cleanUp, "openim-interrupt-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    public void track(String containerId) {
        containers.add(containerId);
    }

    public void untrack(String containerId) {
        containers.remove(containerId);
    }

    public void track(Process process) {
        processes.add(process);
    }

    public void untrack(Process process) {
        processes.remove(process);
    }

    private void cleanUp() {
        try {
            processes.forEach(Process::destroyForcibly);
            for (String id : containers) {
                try {
                    console.warn("Interrupted: removing container " + id);
                    engine.removeContainer(id);
                } catch (RuntimeException e) {
                    console.warn("Could not remove container " + id + ": " + e.getMessage());
                }
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
            // The JVM is shutting down and the hook is running: the engine connection must stay
            // open until it has removed everything, so wait for it.
            try {
                hookDone.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
