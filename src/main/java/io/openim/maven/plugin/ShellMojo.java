package io.openim.maven.plugin;

import io.openim.maven.OpenImException;
import io.openim.maven.config.GoalRequests;
import io.openim.maven.setting.Goal;
import io.openim.maven.setting.PropertyNames;
import io.openim.maven.util.Console;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Opens an interactive shell in the build container after syncing the sources in (the image's
 * {@code SHELL}, else bash, else sh); results are copied out when it exits, unless
 * {@code copyOutput} is false.
 */
@Mojo(name = "shell", threadSafe = true)
public class ShellMojo extends AbstractCommandMojo {

    @Override
    protected Goal goal() {
        return Goal.SHELL;
    }

    @Override
    protected GoalWork prepare(GoalRequests requests, Console console) {
        GoalWork work = pipeline(requests, build -> {
            int exit = build.shellWithFreshSources();
            console.info("Shell exited with code " + exit);
        });
        if (!session.getRequest().isInteractiveMode() || System.console() == null) {
            throw new OpenImException("openim:shell needs an interactive terminal, and this Maven runs "
                    + (System.console() == null ? "without one" : "in batch mode (-B)") + ". Run `mvn openim:shell`"
                    + " from a terminal, or run a single command with `mvn openim:run -D" + PropertyNames.COMMAND
                    + "=...`.");
        }
        return work;
    }
}
