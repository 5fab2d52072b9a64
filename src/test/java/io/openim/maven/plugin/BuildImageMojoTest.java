package io.openim.maven.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openim.maven.buildimage.BuildImageRequest;
import io.openim.maven.config.GoalRequests;
import io.openim.maven.setting.Goal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Parameter binding of {@code openim:build-image} from a POM, through the plugin descriptor that
 * the build generates. {@code execute()} would contact Docker, so only the configured fields and
 * {@link AbstractOpenImMojo#configuration()} are checked.
 */
class BuildImageMojoTest {

    @Nested
    @MojoTest
    @Basedir("/unit/build-image")
    class BuildImageGoal {

        private static final String POM = "pom.xml";

        private static Path root(AbstractOpenImMojo mojo) {
            return mojo.project.getBasedir().toPath().toAbsolutePath().normalize();
        }

        @Test
        @InjectMojo(goal = "build-image", pom = POM)
        void pomValuesAreBoundToTheFields(BuildImageMojo mojo) {
            assertEquals("registry.example/golang", mojo.crossImage);
            assertEquals("1.21.13-bookworm", mojo.crossVersion);
            assertEquals("docker/build.Dockerfile", mojo.dockerfile);
            assertEquals("7.3-test", mojo.buildImageVersion);
            assertEquals(Map.of("GOPROXY", "https://proxy.example", "CGO_ENABLED", "0"), mojo.buildArgs);
            assertEquals(Boolean.TRUE, mojo.pullBaseImage);
            assertEquals("target/ctx", mojo.contextDirectory);
        }

        @Test
        @InjectMojo(goal = "build-image", pom = POM)
        void unconfiguredParametersStayUnsetSoDefaultsComeFromTheResolver(BuildImageMojo mojo) {
            // Defaults live in Setting, not in @Parameter, so that -D, POM and environment can be
            // told apart; a defaultValue slipped into an annotation would show up here.
            assertNull(mojo.skip);
            assertNull(mojo.outDir);
            // A list parameter may come out as null or as an empty list; both mean "not configured".
            assertTrue(mojo.contextFiles == null || mojo.contextFiles.isEmpty(), String.valueOf(mojo.contextFiles));
        }

        @Test
        @InjectMojo(goal = "build-image", pom = POM)
        void projectAndSessionAreInjected(BuildImageMojo mojo) {
            assertNotNull(mojo.project, "${project}");
            assertNotNull(mojo.session, "${session}");
            assertNotNull(mojo.project.getBasedir());
            assertEquals(Goal.BUILD_IMAGE, mojo.goal());
        }

        @Test
        @InjectMojo(goal = "build-image", pom = POM)
        void configurationResolvesTheBuildImageRequest(BuildImageMojo mojo) {
            GoalRequests config = mojo.requests();
            BuildImageRequest request = config.buildImageRequest();

            assertEquals("registry.example/golang", request.crossImage());
            assertEquals("1.21.13-bookworm", request.crossVersion());
            assertEquals(root(mojo).resolve("docker/build.Dockerfile"), request.dockerfile());
            assertEquals(root(mojo).resolve("target/ctx"), request.contextDirectory());
            assertEquals(Map.of("GOPROXY", "https://proxy.example", "CGO_ENABLED", "0"), request.buildArgs());
            assertTrue(request.pullBaseImage());
            assertEquals(List.of(), request.contextFiles());
            assertEquals("7.3-test", request.identity().version());
            assertTrue(
                    request.identity().buildImage().startsWith("openim-build:build-"),
                    request.identity().buildImage());
            assertTrue(
                    request.identity().buildImage().endsWith("-7.3-test"),
                    request.identity().buildImage());
            assertSame(config.identity(), request.identity(), "the identity is resolved once per configuration");
        }

        @Test
        @InjectMojo(goal = "build-image", pom = POM)
        void configurationResolvesListsAndDefaults(BuildImageMojo mojo) {
            GoalRequests config = mojo.requests();

            assertFalse(config.skip());
            assertEquals(root(mojo).resolve("_output"), config.outDir());
            assertEquals(root(mojo), config.projectRoot());
        }

        @Test
        @InjectMojo(goal = "build-image", pom = POM)
        void commandLinePropertyOverridesThePom(BuildImageMojo mojo) {
            mojo.session.getUserProperties().setProperty("openim.cross.version", "1.22.0");
            mojo.session.getUserProperties().setProperty("openim.pull.base.image", "false");

            BuildImageRequest request = mojo.requests().buildImageRequest();

            assertEquals("1.22.0", request.crossVersion());
            assertFalse(request.pullBaseImage());
            assertEquals("registry.example/golang", request.crossImage(), "untouched settings keep the POM value");
        }

        @Test
        @InjectMojo(goal = "build-image", pom = POM)
        @MojoParameter(name = "crossVersion", value = "1.20")
        @MojoParameter(name = "skip", value = "true")
        void mojoParameterAnnotationsOverrideThePom(BuildImageMojo mojo) {
            assertEquals("1.20", mojo.crossVersion);
            assertEquals("registry.example/golang", mojo.crossImage);
            assertEquals(Boolean.TRUE, mojo.skip);
            assertTrue(mojo.requests().skip());
        }
    }
}
