package io.openim.maven.plugin;

import io.openim.maven.buildimage.BuildImageRequest;
import io.openim.maven.buildimage.BuildImageService;
import io.openim.maven.config.GoalRequests;
import io.openim.maven.pipeline.BuildImageStep;
import io.openim.maven.setting.Goal;
import io.openim.maven.util.Console;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Builds the build image {@code openim-build:build-HASH-VERSION} from the templated Dockerfile,
 * or reports it up to date when its context has not changed.
 */
@Mojo(name = "build-image", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class BuildImageMojo extends AbstractBuildImageMojo {

    @Override
    protected Goal goal() {
        return Goal.BUILD_IMAGE;
    }

    @Override
    protected GoalWork prepare(GoalRequests requests, Console console) {
        BuildImageRequest request = requests.buildImageRequest();
        return context -> {
            BuildImageService.Result result = BuildImageStep.run(context.engine(), request, console, context.output());
            console.info("Build image " + request.identity().buildImage() + " (" + shortId(result.imageId()) + ")"
                    + (result.built() ? " built" : " reused"));
        };
    }

    static String shortId(String id) {
        String bare = id.startsWith("sha256:") ? id.substring(7) : id;
        return bare.length() > 12 ? bare.substring(0, 12) : bare;
    }
}
