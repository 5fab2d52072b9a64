package io.openim.maven.plugin;

import io.openim.maven.setting.PropertyNames;
import java.util.List;
import org.apache.maven.plugins.annotations.Parameter;

/** The settings of release images that making them ({@code openim:image}) and pushing them share. */
public abstract class AbstractReleaseMojo extends AbstractOpenImMojo {

    /** Binary names to package. Default: every binary found. */
    @Parameter(property = PropertyNames.IMAGES)
    protected List<String> images;

    /** Registry/namespace of the tags. Default {@code openim}. */
    @Parameter(property = PropertyNames.IMAGE_REGISTRY)
    protected String imageRegistry;

    /** Tag of the images. Default: the project version with '+' as '_'. */
    @Parameter(property = PropertyNames.IMAGE_TAG)
    protected String imageTag;

    /** More tags for each image, e.g. {@code latest}. */
    @Parameter(property = PropertyNames.EXTRA_TAGS)
    protected List<String> extraTags;

    /** OS/ARCH directories to package, e.g. {@code linux/amd64}. Default: all. */
    @Parameter(property = PropertyNames.BUILD_PLATFORMS)
    protected List<String> buildPlatforms;

    /** Images built at once. Default: the number of cores. */
    @Parameter(property = PropertyNames.IMAGE_THREADS)
    protected Integer imageThreads;
}
