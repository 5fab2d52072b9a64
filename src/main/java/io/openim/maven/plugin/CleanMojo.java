package io.openim.maven.plugin;

import io.openim.maven.clean.EngineStateCleaner;
import io.openim.maven.clean.OutputCleaner;
import io.openim.maven.config.PluginConfiguration;
import io.openim.maven.docker.DockerEngine;
import io.openim.maven.docker.EngineUnavailableException;
import io.openim.maven.run.BuildLock;
import io.openim.maven.util.Console;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Removes this checkout's containers (the data container and its volumes too) and images of
 * every version, then the output directory. Other checkouts and the base image stay. The
 * output directory is removed even when no engine answers.
 */
@Mojo(name = "clean", defaultPhase = LifecyclePhase.CLEAN, threadSafe = true)
public class CleanMojo extends AbstractOpenImMojo {

    @Override
    protected String goal() {
        return "clean";
    }

    @Override
    protected boolean usesEngine() {
        return false;
    }

    @Override
    protected void executeGoal(PluginConfiguration config, Console console, DockerEngine unused) {
        try (BuildLock lock = BuildLock.acquire(config.outDir().resolve(".openim.lock"), goal(),
                config.waitForLock(), console)) {
            try (DockerEngine engine = openEngine(config, console)) {
                int removed = new EngineStateCleaner(engine, console).removeAll(config.identity());
                console.info("Removed " + removed + " container(s), volume(s) and image(s) of "
                        + config.identity().hash());
            } catch (EngineUnavailableException e) {
                console.warn("No Docker engine answered, so only " + config.outDir() + " is removed.\n"
                        + e.getMessage());
            }
            new OutputCleaner(console).remove(config.projectRoot(), config.outDir());
        }
    }
}
