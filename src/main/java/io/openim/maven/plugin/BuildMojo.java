package io.openim.maven.plugin;

import io.openim.maven.config.PluginConfiguration;
import io.openim.maven.docker.DockerEngine;
import io.openim.maven.run.DockerizedBuild;
import io.openim.maven.util.Console;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * The whole dockerized build: build image, data container, sync in, {@code buildCommand} in the
 * build container, copy out to {@code _output/dockerized}.
 */
@Mojo(name = "build", defaultPhase = LifecyclePhase.COMPILE, threadSafe = true)
public class BuildMojo extends AbstractOpenImMojo {

    @Override
    protected String goal() {
        return "build";
    }

    @Override
    protected void executeGoal(PluginConfiguration config, Console console, DockerEngine engine) {
        try (DockerizedBuild build = new DockerizedBuild(engine, config, console)) {
            build.runWithFreshSources(config.buildCommand());
        }
    }
}
