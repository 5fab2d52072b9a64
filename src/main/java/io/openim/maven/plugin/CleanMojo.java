package io.openim.maven.plugin;

import io.openim.maven.clean.EngineStateCleaner;
import io.openim.maven.clean.OutputCleaner;
import io.openim.maven.config.GoalRequests;
import io.openim.maven.docker.EngineUnavailableException;
import io.openim.maven.process.OutputDirectory;
import io.openim.maven.setting.Goal;
import io.openim.maven.util.Console;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Removes this checkout's containers (the data container and its volumes too) and images of every
 * version, then what the plugin wrote in the output directory. Other checkouts, the base image and
 * files the plugin did not write stay. The output directory is cleaned even when no engine answers.
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
        OutputCleaner cleaner = new OutputCleaner(console);
        boolean cleanOutput = cleaner.mayClean(requests.projectRoot(), new OutputDirectory(requests.outDir()));
        GoalWork work = context -> {
            try {
                int removed = new EngineStateCleaner(context.engine(), console).removeAll(hash);
                console.info("Removed " + removed + " container(s), volume(s) and image(s) of " + hash);
            } catch (EngineUnavailableException e) {
                console.warn("No Docker engine answered, so only what the plugin wrote in " + requests.outDir()
                        + " is removed.\n" + e.getMessage());
            }
            if (cleanOutput) {
                cleaner.remove(context.output());
            }
        };
        // A directory that is not the plugin's gets no lock file either.
        return cleanOutput ? work : work.withoutLock();
    }
}
