package io.openim.maven.plugin;

import io.openim.maven.config.PluginConfiguration;
import io.openim.maven.config.Setting;
import io.openim.maven.docker.DockerEngine;
import io.openim.maven.run.DockerizedBuild;
import io.openim.maven.util.Console;
import java.util.Map;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs any command in the build container after syncing the sources in, then copies results
 * out: {@code mvn openim:run -Dopenim.command="make test"}.
 */
@Mojo(name = "run", threadSafe = true)
public class RunMojo extends AbstractOpenImMojo {

    /** The command, run with /bin/sh -c in the source root. Required. */
    @Parameter(property = "openim.command")
    protected String command;

    @Override
    protected String goal() {
        return "run";
    }

    @Override
    protected void addGoalSettings(Map<Setting, Object> pom) {
        pom.put(Setting.COMMAND, command);
    }

    @Override
    protected void executeGoal(PluginConfiguration config, Console console, DockerEngine engine) {
        String toRun = config.command();
        try (DockerizedBuild build = new DockerizedBuild(engine, config, console)) {
            build.runWithFreshSources(toRun);
        }
    }
}
