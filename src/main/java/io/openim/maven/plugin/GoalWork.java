package io.openim.maven.plugin;

/** A goal's work, prepared from checked requests; it runs under the checkout's lock. */
@FunctionalInterface
interface GoalWork {
    void run(GoalContext context);
}
