package io.openim.maven.plugin;

import io.openim.maven.setting.PropertyNames;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The settings that say which build image a checkout uses, its version and cross image: every goal
 * that works with the build image's containers or their caches reads them, even one that never
 * builds the image ({@code openim:cache-save}).
 */
public abstract class AbstractBuildImageVersionMojo extends AbstractOpenImMojo {

    /**
     * Version of the build image; part of every name. Changing it removes all state of the old
     * version. Default: the contents of {@code VERSION} beside the Dockerfile, else {@code 1}.
     */
    @Parameter(property = PropertyNames.BUILD_IMAGE_VERSION)
    protected String buildImageVersion;

    /** The build image's Dockerfile. Default {@code build/build-image/Dockerfile}. */
    @Parameter(property = PropertyNames.DOCKERFILE)
    protected String dockerfile;

    /** Base image that replaces OPENIM_BUILD_IMAGE_CROSS_TAG (with crossVersion). */
    @Parameter(property = PropertyNames.CROSS_IMAGE)
    protected String crossImage;

    /** Tag of crossImage. */
    @Parameter(property = PropertyNames.CROSS_VERSION)
    protected String crossVersion;
}
