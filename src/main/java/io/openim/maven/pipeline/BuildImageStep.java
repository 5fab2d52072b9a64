package io.openim.maven.pipeline;

import io.openim.maven.buildimage.BuildImageRequest;
import io.openim.maven.buildimage.BuildImageService;
import io.openim.maven.clean.EngineStateCleaner;
import io.openim.maven.docker.DockerEngine;
import io.openim.maven.process.OutputDirectory;
import io.openim.maven.util.Console;

/** The build image step of every container goal: ensure the image; a new one clears other versions. */
public final class BuildImageStep {

    private BuildImageStep() {}

    public static BuildImageService.Result run(
            DockerEngine engine, BuildImageRequest request, Console console, OutputDirectory output) {
        BuildImageService.Result result = new BuildImageService(engine, console, output).ensure(request);
        if (result.built()) {
            // A version bump clears all state of the old version (the seed's rule).
            int removed = new EngineStateCleaner(engine, console).removeOtherVersions(request.identity());
            if (removed > 0) {
                console.info("Removed " + removed + " object(s) of other build image versions for this checkout");
            }
        }
        return result;
    }
}
