package io.openim.maven.buildimage;

import io.openim.maven.BuildFailedException;
import io.openim.maven.docker.DockerEngine;
import io.openim.maven.docker.EngineBuildException;
import io.openim.maven.docker.EngineException;
import io.openim.maven.docker.ImageBuildRequest;
import io.openim.maven.docker.ImageInfo;
import io.openim.maven.naming.BuildIdentity;
import io.openim.maven.naming.Role;
import io.openim.maven.process.OutputDirectory;
import io.openim.maven.setting.Setting;
import io.openim.maven.util.Console;
import io.openim.maven.util.LastLines;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes sure the build image for this checkout and version exists and matches its context. An
 * unchanged context costs one image inspection; a change rebuilds and replaces the old image, so
 * no dangling image is left. Clearing other versions' state is the caller's next step.
 */
public final class BuildImageService {

    public static final String LABEL_CONTEXT_DIGEST = "io.openim.context-digest";

    /** How the build image came to be ready. */
    public record Result(String imageId, boolean built) {}

    private final DockerEngine engine;
    private final Console console;
    private final OutputDirectory output;

    public BuildImageService(DockerEngine engine, Console console, OutputDirectory output) {
        this.engine = engine;
        this.console = console;
        this.output = output;
    }

    public Result ensure(BuildImageRequest request) {
        BuildIdentity identity = request.identity();
        BuildContext context = BuildContext.prepare(
                request.dockerfile(),
                request.contextFiles(),
                request.crossImage(),
                request.crossVersion(),
                request.buildArgs());
        context.writeTo(request.contextDirectory(), output);
        String digest = context.digest();

        Optional<ImageInfo> existing = engine.inspectImage(identity.buildImage());
        if (existing.isPresent() && digest.equals(existing.get().labels().get(LABEL_CONTEXT_DIGEST))) {
            console.info("Build image " + identity.buildImage() + " is up to date");
            return new Result(existing.get().id(), false);
        }

        console.info("Building build image " + identity.buildImage()
                + (existing.isPresent() ? " (its context changed)" : ""));
        Map<String, String> labels = new LinkedHashMap<>(identity.labels(Role.BUILD_IMAGE));
        labels.put(LABEL_CONTEXT_DIGEST, digest);
        String imageId;
        try {
            imageId = engine.buildImage(
                    new ImageBuildRequest(
                            List.of(identity.buildImage()), context.buildArgs(), labels, request.pullBaseImage()),
                    new ByteArrayInputStream(context.tar()),
                    line -> console.info("  " + line));
        } catch (EngineBuildException e) {
            throw new BuildFailedException("The build image " + identity.buildImage() + " failed to build from "
                    + request.dockerfile() + ": " + e.engineError()
                    + LastLines.format("Last lines of output", e.lastLines())
                    + "\nContext as sent: " + request.contextDirectory()
                    + missingBaseHint(e, request.pullBaseImage()));
        }
        existing.filter(old -> !old.id().equals(imageId)).ifPresent(old -> {
            // The tag moved to the new image; drop the old one so no dangling image stays behind.
            try {
                engine.removeImage(old.id());
            } catch (RuntimeException e) {
                console.debug("Could not remove the replaced build image " + old.id() + ": " + e.getMessage());
            }
        });
        return new Result(imageId, true);
    }

    static String missingBaseHint(EngineBuildException error, boolean pull) {
        if (!pull && error.reason() == EngineException.Reason.IMAGE_MISSING) {
            return "\nThe base image is not on this engine and pulling is off: load or build it first, or set "
                    + Setting.PULL_BASE_IMAGE.describe("true") + " to let the engine pull it.";
        }
        return "";
    }
}
