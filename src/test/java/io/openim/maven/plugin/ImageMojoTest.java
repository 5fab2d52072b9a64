package io.openim.maven.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openim.maven.release.ReleaseRequest;
import io.openim.maven.setting.Goal;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Parameter binding of {@code openim:image}; {@code execute()} is not called (it needs Docker). */
class ImageMojoTest {

    @Nested
    @MojoTest
    @Basedir("/unit/image")
    class ImageGoal {

        private static final String POM = "pom.xml";

        @Test
        @InjectMojo(goal = "image", pom = POM)
        void pomValuesAreBoundToTheFields(ImageMojo mojo) {
            assertEquals(List.of("openim-api", "openim-rpc-user"), mojo.images);
            assertEquals("deploy/images", mojo.imagesDirectory);
            assertEquals("alpine:3.20", mojo.runtimeBaseImage);
            assertEquals("registry.example/openim", mojo.imageRegistry);
            assertEquals("v3.8.0", mojo.imageTag);
            assertEquals(List.of("latest", "v3"), mojo.extraTags);
            assertEquals(List.of("linux/amd64 linux/arm64"), mojo.buildPlatforms);
            assertEquals(Integer.valueOf(3), mojo.imageThreads);
            assertEquals("gzip", mojo.archiveCompression);
            assertEquals(Boolean.TRUE, mojo.keepImages);
            assertEquals(Boolean.TRUE, mojo.attach);
            assertNotNull(mojo.projectHelper, "@Component MavenProjectHelper");
            assertEquals(Goal.IMAGE, mojo.goal());
        }

        @Test
        @InjectMojo(goal = "image", pom = POM)
        void configurationResolvesTheReleaseRequest(ImageMojo mojo) {
            Path root = mojo.project.getBasedir().toPath().toAbsolutePath().normalize();
            ReleaseRequest request = mojo.requests().releaseRequest(null);

            assertEquals(root.resolve("build/dist/bin"), request.binRoot(), "outputSubpath is trimmed of slashes");
            assertEquals(root.resolve("deploy/images"), request.imagesDirectory());
            assertEquals(root.resolve("out/release-images"), request.releaseDirectory());
            assertEquals(root.resolve("out/images/release"), request.workDirectory());
            assertEquals(List.of("openim-api", "openim-rpc-user"), request.images());
            assertEquals(
                    "[linux/amd64, linux/arm64]", request.platforms().toString(), "space separated, as in the scripts");
            assertEquals("alpine:3.20", request.baseImage());
            assertEquals("registry.example/openim", request.registry());
            assertEquals("v3.8.0", request.tag());
            assertEquals(List.of("latest", "v3"), request.extraTags());
            assertEquals(3, request.threads());
            assertEquals(ReleaseRequest.Compression.GZIP, request.compression());
            assertTrue(request.keepImages());
            assertEquals("release-image", request.imageLabels().get("io.openim.role"));
            assertTrue(mojo.requests().attach());
        }
    }
}
