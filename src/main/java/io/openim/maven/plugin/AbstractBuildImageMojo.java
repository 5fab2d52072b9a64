package io.openim.maven.plugin;

import io.openim.maven.setting.PropertyNames;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The settings of building the build image, read by {@code openim:build-image}, every container
 * goal and {@code openim:cache-restore}.
 */
public abstract class AbstractBuildImageMojo extends AbstractBuildImageVersionMojo {

    /** Where the rendered build context is written. Default {@code _output/images/build-image}. */
    @Parameter(property = PropertyNames.CONTEXT_DIRECTORY)
    protected String contextDirectory;

    /** Files to put in the build context instead of everything beside the Dockerfile. */
    @Parameter(property = PropertyNames.CONTEXT_FILES)
    protected List<String> contextFiles;

    /** Lets the engine pull base images. Default {@code false}: only local images are used. */
    @Parameter(property = PropertyNames.PULL_BASE_IMAGE)
    protected Boolean pullBaseImage;

    /** Extra build args for the build image (POM only). */
    @Parameter
    protected Map<String, String> buildArgs;
}
