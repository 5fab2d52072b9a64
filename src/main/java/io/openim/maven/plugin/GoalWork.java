package io.openim.maven.plugin;

/** A goal's work, prepared from checked requests; it runs under the checkout's lock unless it says not. */
@FunctionalInterface
interface GoalWork {
    void run(GoalContext context);

    /** Whether the work needs the checkout's lock, which is a file in the output directory. */
    default boolean locks() {
        return true;
    }

    /** This work, run without the lock. */
    default GoalWork withoutLock() {
        GoalWork self = this;
        return new GoalWork() {
            @Override
            public void run(GoalContext context) {
                self.run(context);
            }

            @Override
            public boolean locks() {
                return false;
            }
        };
    }
}
