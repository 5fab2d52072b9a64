package io.openim.maven.plugin;

import io.openim.maven.setting.PropertyNames;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugins.annotations.Parameter;

/** The settings of the build image, read by {@code openim:build-image} and every container goal. */
public abstract class AbstractBuildImageMojo extends AbstractOpenImMojo {

    /**
     * Version of the build image; part of every name. Changing it removes all state of the old
     * version. Default: the contents of {@code VERSION} beside the Dockerfile, else {@code 1}.
     */
    @Parameter(property = PropertyNames.BUILD_IMAGE_VERSION)
    protected String buildImageVersion;

    /** The build image's Dockerfile. Default {@code build/build-image/Dockerfile}. */
    @Parameter(property = PropertyNames.DOCKERFILE)
    protected String dockerfile;

    /** Where the rendered build context is written. Default {@code _output/images/build-image}. */
    @Parameter(property = PropertyNames.CONTEXT_DIRECTORY)
    protected String contextDirectory;

    /** Files to put in the build context instead of everything beside the Dockerfile. */
    @Parameter(property = PropertyNames.CONTEXT_FILES)
    protected List<String> contextFiles;

    /** Base image that replaces OPENIM_BUILD_IMAGE_CROSS_TAG (with crossVersion). */
    @Parameter(property = PropertyNames.CROSS_IMAGE)
    protected String crossImage;

    /** Tag of crossImage. */
    @Parameter(property = PropertyNames.CROSS_VERSION)
    protected String crossVersion;

    /** Lets the engine pull base images. Default {@code false}: only local images are used. */
    @Parameter(property = PropertyNames.PULL_BASE_IMAGE)
    protected Boolean pullBaseImage;

    /** Extra build args for the build image (POM only). */
    @Parameter
    protected Map<String, String> buildArgs;
}
