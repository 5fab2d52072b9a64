package io.openim.maven.plugin;

import io.openim.maven.config.GoalRequests;
import io.openim.maven.setting.Goal;
import io.openim.maven.util.Console;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/** Syncs the checkout into the data container (only what changed travels). */
@Mojo(name = "sync", defaultPhase = LifecyclePhase.PROCESS_SOURCES, threadSafe = true)
public class SyncMojo extends AbstractContainerMojo {

    @Override
    protected Goal goal() {
        return Goal.SYNC;
    }

    @Override
    protected GoalWork prepare(GoalRequests requests, Console console) {
        return pipeline(requests, build -> {
            build.prepare();
            build.syncIn();
        });
    }
}
