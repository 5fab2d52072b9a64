package io.openim.maven.plugin;

import io.openim.maven.config.PluginConfiguration;
import io.openim.maven.docker.DockerEngine;
import io.openim.maven.run.DockerizedBuild;
import io.openim.maven.util.Console;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/** Syncs the checkout into the data container (only what changed travels). */
@Mojo(name = "sync", defaultPhase = LifecyclePhase.PROCESS_SOURCES, threadSafe = true)
public class SyncMojo extends AbstractOpenImMojo {

    @Override
    protected String goal() {
        return "sync";
    }

    @Override
    protected void executeGoal(PluginConfiguration config, Console console, DockerEngine engine) {
        try (DockerizedBuild build = new DockerizedBuild(engine, config, console)) {
            build.prepare();
            build.syncIn();
        }
    }
}
