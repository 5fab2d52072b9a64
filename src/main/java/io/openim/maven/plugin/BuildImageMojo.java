package io.openim.maven.plugin;

import io.openim.maven.buildimage.BuildImageService;
import io.openim.maven.config.PluginConfiguration;
import io.openim.maven.docker.DockerEngine;
import io.openim.maven.util.Console;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Builds the build image {@code openim-build:build-HASH-VERSION} from the templated Dockerfile,
 * or reports it up to date when its context has not changed.
 */
@Mojo(name = "build-image", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class BuildImageMojo extends AbstractOpenImMojo {

    @Override
    protected String goal() {
        return "build-image";
    }

    @Override
    protected void executeGoal(PluginConfiguration config, Console console, DockerEngine engine) {
        BuildImageService.Result result = new BuildImageService(engine, console).ensure(config.buildImageRequest());
        console.info("Build image " + config.identity().buildImage() + " (" + shortId(result.imageId()) + ")"
                + (result.built() ? " built" : " reused"));
    }

    static String shortId(String id) {
        String bare = id.startsWith("sha256:") ? id.substring(7) : id;
        return bare.length() > 12 ? bare.substring(0, 12) : bare;
    }
}
