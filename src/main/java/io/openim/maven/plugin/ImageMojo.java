package io.openim.maven.plugin;

import io.openim.maven.config.GoalRequests;
import io.openim.maven.release.ReleaseArchive;
import io.openim.maven.release.ReleaseImageService;
import io.openim.maven.release.ReleaseRequest;
import io.openim.maven.setting.Goal;
import io.openim.maven.setting.PropertyNames;
import io.openim.maven.util.Console;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Builds one runtime image per binary in {@code _output/dockerized/bin/OS/ARCH/} and archives each
 * with {@code docker save} to {@code _output/release-images/ARCH/NAME.tar}, with
 * {@code NAME.docker_tag} and a {@code SHA256SUMS} per architecture. Import with
 * {@code docker load -i}.
 */
@Mojo(name = "image", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class ImageMojo extends AbstractReleaseMojo {

    /** Where per-binary Dockerfiles live ({@code DIR/NAME/Dockerfile}). Default {@code build/images}. */
    @Parameter(property = PropertyNames.IMAGES_DIRECTORY)
    protected String imagesDirectory;

    /**
     * Base of generated images, on the engine (or {@code scratch}); it must be of the image's
     * platform. Default {@code debian:bookworm-slim}.
     */
    @Parameter(property = PropertyNames.RUNTIME_BASE_IMAGE)
    protected String runtimeBaseImage;

    /**
     * The base of each platform that needs another than {@code runtimeBaseImage}, as
     * {@code PLATFORM=IMAGE}, e.g. {@code linux/arm64=my/base:arm64} or {@code linux/arm64=scratch}.
     */
    @Parameter(property = PropertyNames.RUNTIME_BASE_IMAGES)
    protected List<String> runtimeBaseImages;

    /** {@code none} (NAME.tar) or {@code gzip} (NAME.tar.gz). Default {@code none}. */
    @Parameter(property = PropertyNames.ARCHIVE_COMPRESSION)
    protected String archiveCompression;

    /** Attach each archive to the project (classifier NAME-ARCH) for install and deploy. Default {@code false}. */
    @Parameter(property = PropertyNames.ATTACH)
    protected Boolean attach;

    /** Keep the images in the engine after archiving. Default {@code false}. */
    @Parameter(property = PropertyNames.KEEP_IMAGES)
    protected Boolean keepImages;

    /** Lets the engine pull the runtime base image. Default {@code false}: only local images are used. */
    @Parameter(property = PropertyNames.PULL_BASE_IMAGE)
    protected Boolean pullBaseImage;

    /** Where the binaries are, relative to the source root: its {@code bin/OS/ARCH/}. Default {@code _output/dockerized}. */
    @Parameter(property = PropertyNames.OUTPUT_SUBPATH)
    protected String outputSubpath;

    /**
     * The user release images run as, e.g. {@code 65532:65532} or {@code nobody} (a name needs the
     * base's /etc/passwd, so give numbers on scratch). Default: the base's user, root on Debian and
     * scratch, as in the original images.
     */
    @Parameter(property = PropertyNames.IMAGE_USER)
    protected String imageUser;

    /**
     * Labels for every release image, on top of the OCI labels the plugin derives from the POM and
     * the checkout ({@code org.opencontainers.image.*}); an empty value removes a label.
     */
    @Parameter
    protected Map<String, String> labels;

    /** The plugin's own version, named in the SBOMs as their creator. */
    @Parameter(defaultValue = "${plugin.version}", readonly = true)
    protected String pluginVersion;

    @Inject
    MavenProjectHelper projectHelper;

    @Override
    protected Goal goal() {
        return Goal.IMAGE;
    }

    @Override
    protected GoalWork prepare(GoalRequests requests, Console console) {
        ReleaseRequest request = requests.releaseRequest(pluginVersion);
        boolean attachArchives = requests.attach();
        return context -> {
            List<ReleaseArchive> archives = new ReleaseImageService(
                            context::engine, console, context.cleanup(), context.output())
                    .release(request);
            if (attachArchives) {
                for (ReleaseArchive archive : archives) {
                    projectHelper.attachArtifact(
                            project,
                            request.compression().type(),
                            archive.classifier(),
                            archive.file().toFile());
                    if (archive.sbom() != null) {
                        projectHelper.attachArtifact(
                                project,
                                "spdx.json",
                                archive.classifier(),
                                archive.sbom().toFile());
                    }
                }
            }
            console.info(archives.size() + " release image archive(s) in " + request.releaseDirectory());
        };
    }
}
