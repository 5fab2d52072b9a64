package io.openim.maven.plugin;

import io.openim.maven.config.GoalRequests;
import io.openim.maven.setting.Goal;
import io.openim.maven.setting.PropertyNames;
import io.openim.maven.util.Console;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The whole dockerized build: build image, data container, sync in, {@code buildCommand} in the
 * build container, copy out to {@code _output/dockerized}.
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.COMPILE, threadSafe = true)
public class BuildMojo extends AbstractCommandMojo {

    /** Command of {@code openim:build}, run with /bin/sh -c in the source root. Default {@code make build}. */
    @Parameter(property = PropertyNames.BUILD_COMMAND)
    protected String buildCommand;

    @Override
    protected Goal goal() {
        return Goal.BUILD;
    }

    @Override
    protected GoalWork prepare(GoalRequests requests, Console console) {
        String command = requests.buildCommand();
        return pipeline(requests, build -> build.runWithFreshSources(command));
    }
}
