package io.openim.maven.plugin;

import io.openim.maven.clean.EngineStateCleaner;
import io.openim.maven.clean.OutputCleaner;
import io.openim.maven.config.GoalRequests;
import io.openim.maven.docker.EngineUnavailableException;
import io.openim.maven.setting.Goal;
import io.openim.maven.util.Console;
import java.nio.file.Path;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Removes this checkout's containers (the data container and its volumes too) and images of every
 * version, then the output directory. Other checkouts and the base image stay. The output
 * directory is removed even when no engine answers.
 */
@Mojo(name = "clean", defaultPhase = LifecyclePhase.CLEAN, threadSafe = true)
public class CleanMojo extends AbstractOpenImMojo {

    @Override
    protected Goal goal() {
        return Goal.CLEAN;
    }

    @Override
    protected GoalWork prepare(GoalRequests requests, Console console) {
        String hash = requests.checkoutHash();
        Path root = requests.projectRoot();
        Path outDir = requests.outDir();
        return context -> {
            try {
                int removed = new EngineStateCleaner(context.engine(), console).removeAll(hash);
                console.info("Removed " + removed + " container(s), volume(s) and image(s) of " + hash);
            } catch (EngineUnavailableException e) {
                console.warn("No Docker engine answered, so only " + outDir + " is removed.\n" + e.getMessage());
            }
            new OutputCleaner(console).remove(root, context.output());
        };
    }
}
