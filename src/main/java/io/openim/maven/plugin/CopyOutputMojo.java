package io.openim.maven.plugin;

import io.openim.maven.config.PluginConfiguration;
import io.openim.maven.docker.DockerEngine;
import io.openim.maven.run.DockerizedBuild;
import io.openim.maven.util.Console;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/** Copies {@code outputSubpath} from the data container to the same path in the checkout. */
@Mojo(name = "copy-output", defaultPhase = LifecyclePhase.PROCESS_CLASSES, threadSafe = true)
public class CopyOutputMojo extends AbstractOpenImMojo {

    @Override
    protected String goal() {
        return "copy-output";
    }

    @Override
    protected void executeGoal(PluginConfiguration config, Console console, DockerEngine engine) {
        try (DockerizedBuild build = new DockerizedBuild(engine, config, console)) {
            build.prepare();
            build.copyOut();
        }
    }
}
