package io.openim.maven.plugin;

import io.openim.maven.config.PluginConfiguration;
import io.openim.maven.config.Setting;
import io.openim.maven.docker.DockerEngine;
import io.openim.maven.release.ReleaseArchive;
import io.openim.maven.release.ReleaseImageService;
import io.openim.maven.release.ReleaseRequest;
import io.openim.maven.util.Console;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Builds one runtime image per binary in {@code _output/dockerized/bin/OS/ARCH/} and archives
 * each with {@code docker save} to {@code _output/release-images/ARCH/NAME.tar}, with
 * {@code NAME.docker_tag} and a {@code SHA256SUMS} per architecture. Import with
 * {@code docker load -i}.
 */
@Mojo(name = "image", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class ImageMojo extends AbstractOpenImMojo {

    /** Binary names to package. Default: every binary found. */
    @Parameter(property = "openim.images")
    protected List<String> images;

    /** Where per-binary Dockerfiles live ({@code DIR/NAME/Dockerfile}). Default {@code build/images}. */
    @Parameter(property = "openim.images.directory")
    protected String imagesDirectory;

    /** Base of generated images. Default {@code debian:bookworm-slim}. Env OPENIM_BASE_IMAGE. */
    @Parameter(property = "openim.base.image")
    protected String runtimeBaseImage;

    /** Registry/namespace of the tags. Default {@code openim}. Env OPENIM_DOCKER_REGISTRY. */
    @Parameter(property = "openim.docker.registry")
    protected String imageRegistry;

    /** Tag of the images. Default: the project version with '+' as '_'. Env OPENIM_DOCKER_IMAGE_TAG. */
    @Parameter(property = "openim.docker.image.tag")
    protected String imageTag;

    /** More tags for each image, e.g. {@code latest}. */
    @Parameter(property = "openim.extra.tags")
    protected List<String> extraTags;

    /** OS/ARCH directories to package, e.g. {@code linux/amd64}. Default: all. Env OPENIM_BUILD_PLATFORMS. */
    @Parameter(property = "openim.build.platforms")
    protected List<String> buildPlatforms;

    /** Images built at once. Default: the number of cores. */
    @Parameter(property = "openim.image.threads")
    protected Integer imageThreads;

    /** {@code none} (NAME.tar) or {@code gzip} (NAME.tar.gz). Default none. */
    @Parameter(property = "openim.archive.compression")
    protected String archiveCompression;

    /** Attach each archive to the project (classifier NAME-ARCH) for install and deploy. Default false. */
    @Parameter(property = "openim.attach")
    protected Boolean attach;

    /** Keep the images in the engine after archiving. Default false. */
    @Parameter(property = "openim.keep.images")
    protected Boolean keepImages;

    @Component
    protected MavenProjectHelper projectHelper;

    @Override
    protected String goal() {
        return "image";
    }

    @Override
    protected void addGoalSettings(Map<Setting, Object> pom) {
        pom.put(Setting.IMAGES, images);
        pom.put(Setting.IMAGES_DIRECTORY, imagesDirectory);
        pom.put(Setting.RUNTIME_BASE_IMAGE, runtimeBaseImage);
        pom.put(Setting.IMAGE_REGISTRY, imageRegistry);
        pom.put(Setting.IMAGE_TAG, imageTag);
        pom.put(Setting.EXTRA_TAGS, extraTags);
        pom.put(Setting.BUILD_PLATFORMS, buildPlatforms);
        pom.put(Setting.IMAGE_THREADS, imageThreads);
        pom.put(Setting.ARCHIVE_COMPRESSION, archiveCompression);
        pom.put(Setting.ATTACH, attach);
        pom.put(Setting.KEEP_IMAGES, keepImages);
    }

    @Override
    protected void executeGoal(PluginConfiguration config, Console console, DockerEngine engine) {
        ReleaseRequest request = config.releaseRequest();
        List<ReleaseArchive> archives = new ReleaseImageService(engine, console).release(request);
        if (config.bool(Setting.ATTACH)) {
            for (ReleaseArchive archive : archives) {
                projectHelper.attachArtifact(project, request.compression().type(), archive.classifier(),
                        archive.file().toFile());
            }
        }
        console.info(archives.size() + " release image archive(s) in " + request.releaseDirectory());
    }
}
