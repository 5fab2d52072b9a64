package io.openim.maven.plugin;

import io.openim.maven.config.GoalRequests;
import io.openim.maven.setting.Goal;
import io.openim.maven.util.Console;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/** Copies {@code outputSubpath} from the data container to the same path in the checkout. */
@Mojo(name = "copy-output", defaultPhase = LifecyclePhase.PROCESS_CLASSES, threadSafe = true)
public class CopyOutputMojo extends AbstractContainerMojo {

    @Override
    protected Goal goal() {
        return Goal.COPY_OUTPUT;
    }

    @Override
    protected GoalWork prepare(GoalRequests requests, Console console) {
        return pipeline(requests, build -> {
            build.prepare();
            build.copyOut();
        });
    }
}
