package io.openim.maven.plugin;

import io.openim.maven.config.GoalRequests;
import io.openim.maven.setting.Goal;
import io.openim.maven.setting.PropertyNames;
import io.openim.maven.util.Console;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs any command in the build container after syncing the sources in, then copies results out:
 * {@code mvn openim:run -Dopenim.command="make test"}.
 */
@Mojo(name = "run", threadSafe = true)
public class RunMojo extends AbstractCommandMojo {

    /** The command, run with /bin/sh -c in the source root. Required. */
    @Parameter(property = PropertyNames.COMMAND)
    protected String command;

    @Override
    protected Goal goal() {
        return Goal.RUN;
    }

    @Override
    protected GoalWork prepare(GoalRequests requests, Console console) {
        String toRun = requests.command();
        return pipeline(requests, build -> build.runWithFreshSources(toRun));
    }
}
