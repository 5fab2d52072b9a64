package io.openim.maven.plugin;

import io.openim.maven.OpenImException;
import io.openim.maven.config.PluginConfiguration;
import io.openim.maven.docker.DockerEngine;
import io.openim.maven.run.DockerizedBuild;
import io.openim.maven.run.InteractiveShell;
import io.openim.maven.util.Console;
import org.apache.maven.plugins.annotations.Mojo;

/** Opens an interactive shell in the build container, after syncing the sources in. */
@Mojo(name = "shell", threadSafe = true)
public class ShellMojo extends AbstractOpenImMojo {

    @Override
    protected String goal() {
        return "shell";
    }

    @Override
    protected void checkBeforeEngine(PluginConfiguration config) {
        if (!session.getRequest().isInteractiveMode() || System.console() == null) {
            throw new OpenImException("openim:shell needs an interactive terminal, and this Maven runs "
                    + (System.console() == null ? "without one" : "in batch mode (-B)") + ". Run `mvn openim:shell`"
                    + " from a terminal, or run a single command with `mvn openim:run -Dopenim.command=...`.");
        }
    }

    @Override
    protected void executeGoal(PluginConfiguration config, Console console, DockerEngine engine) {
        try (DockerizedBuild build = new DockerizedBuild(engine, config, console)) {
            build.prepare();
            build.syncIn();
            int exit = new InteractiveShell(engine.host()).run(build.buildOptions());
            console.info("Shell exited with code " + exit);
        }
    }
}
