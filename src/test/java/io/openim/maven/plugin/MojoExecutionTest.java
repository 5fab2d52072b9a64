package io.openim.maven.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.openim.maven.config.GoalRequests;
import io.openim.maven.docker.FakeDockerEngine;
import io.openim.maven.process.BuildLock;
import io.openim.maven.process.OutputDirectory;
import io.openim.maven.setting.Setting;
import io.openim.maven.util.RecordingConsole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.api.plugin.testing.Basedir;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every goal's {@code execute()}, through the generated descriptor, against the fake engine: what
 * it does before any side effect, how it maps failures to Maven's exceptions, and that the engine
 * is only opened once the input is known to be good.
 */
class MojoExecutionTest {

    @Nested
    @MojoTest
    @Basedir("/unit/goals")
    class Goals {

        private static final String POM = "pom.xml";

        @TempDir
        Path root;

        /** Outside the checkout, where a CI cache directory goes. */
        @TempDir
        Path elsewhere;

        private final RecordingLog log = new RecordingLog();
        private FakeEngineFactory engines = FakeEngineFactory.answering(new FakeDockerEngine());

        /** Points the mojo at a fresh checkout in a temp directory and at the fakes. */
        private <T extends AbstractOpenImMojo> T ready(T mojo) throws IOException {
            Files.writeString(root.resolve("pom.xml"), "<project/>");
            MavenProject project = new MavenProject();
            project.setGroupId("io.openim.test");
            project.setArtifactId("goals");
            project.setVersion("1.0");
            project.setFile(root.resolve("pom.xml").toFile());
            mojo.project = project;
            mojo.engines = engines;
            mojo.host = new FakeHostEnvironment(root.resolve("home"), Files.createDirectories(root.resolve("tmp")));
            mojo.setLog(log);
            return mojo;
        }

        private List<AbstractOpenImMojo> all(AbstractOpenImMojo... mojos) throws IOException {
            for (AbstractOpenImMojo mojo : mojos) {
                ready(mojo);
            }
            return List.of(mojos);
        }

        @Test
        void theMojosGetTheirCollaboratorsInjected(
                @InjectMojo(goal = "clean", pom = POM) CleanMojo clean,
                @InjectMojo(goal = "image", pom = POM) ImageMojo image) {
            assertInstanceOf(io.openim.maven.docker.api.DockerJavaEngineFactory.class, clean.engines);
            assertInstanceOf(SystemHostEnvironment.class, clean.host);
            assertTrue(image.projectHelper != null);
        }

        @Test
        void skipDoesNothingInEveryGoal(
                @InjectMojo(goal = "clean", pom = POM) CleanMojo clean,
                @InjectMojo(goal = "build-image", pom = POM) BuildImageMojo buildImage,
                @InjectMojo(goal = "sync", pom = POM) SyncMojo sync,
                @InjectMojo(goal = "copy-output", pom = POM) CopyOutputMojo copyOutput,
                @InjectMojo(goal = "build", pom = POM) BuildMojo build,
                @InjectMojo(goal = "run", pom = POM) RunMojo run,
                @InjectMojo(goal = "shell", pom = POM) ShellMojo shell,
                @InjectMojo(goal = "image", pom = POM) ImageMojo image,
                @InjectMojo(goal = "push", pom = POM) PushMojo push,
                @InjectMojo(goal = "cache-save", pom = POM) CacheSaveMojo cacheSave,
                @InjectMojo(goal = "cache-restore", pom = POM) CacheRestoreMojo cacheRestore)
                throws Exception {
            for (AbstractOpenImMojo mojo :
                    all(clean, buildImage, sync, copyOutput, build, run, shell, image, push, cacheSave, cacheRestore)) {
                mojo.skip = true;
                mojo.execute();
                assertTrue(log.contains("Skipping openim:" + mojo.goal().goalName()), log.lines.toString());
            }
            assertEquals(List.of(), engines.requests, "no goal contacted the engine");
            assertFalse(Files.exists(root.resolve("_output")), "no goal wrote anything");
        }

        @Test
        void aHeldLockRefusesEveryGoalBeforeTheEngine(
                @InjectMojo(goal = "clean", pom = POM) CleanMojo clean,
                @InjectMojo(goal = "build-image", pom = POM) BuildImageMojo buildImage,
                @InjectMojo(goal = "sync", pom = POM) SyncMojo sync,
                @InjectMojo(goal = "copy-output", pom = POM) CopyOutputMojo copyOutput,
                @InjectMojo(goal = "build", pom = POM) BuildMojo build,
                @InjectMojo(goal = "run", pom = POM) RunMojo run,
                @InjectMojo(goal = "image", pom = POM) ImageMojo image,
                @InjectMojo(goal = "push", pom = POM) PushMojo push,
                @InjectMojo(goal = "cache-save", pom = POM) CacheSaveMojo cacheSave,
                @InjectMojo(goal = "cache-restore", pom = POM) CacheRestoreMojo cacheRestore)
                throws Exception {
            List<AbstractOpenImMojo> mojos =
                    all(clean, buildImage, sync, copyOutput, build, run, image, push, cacheSave, cacheRestore);
            cacheSave.cacheDir = elsewhere.resolve("ci-cache").toString();
            cacheRestore.cacheDir = cacheSave.cacheDir;
            try (BuildLock held = BuildLock.acquire(
                    new OutputDirectory(root.resolve("_output")), "test", false, new RecordingConsole())) {
                for (AbstractOpenImMojo mojo : mojos) {
                    MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
                    assertTrue(
                            e.getMessage().contains("Another openim build of this checkout is running"),
                            mojo.goal() + ": " + e.getMessage());
                    assertTrue(e.getMessage().contains("waitForLock"), e.getMessage());
                }
            }
            assertEquals(List.of(), engines.requests);
        }

        @Test
        void badInputIsRefusedBeforeTheLockAndTheEngine(
                @InjectMojo(goal = "build", pom = POM) BuildMojo build,
                @InjectMojo(goal = "image", pom = POM) ImageMojo image,
                @InjectMojo(goal = "run", pom = POM) RunMojo run)
                throws Exception {
            ready(build).rsyncPort = 70000;
            MojoExecutionException e = assertThrows(MojoExecutionException.class, build::execute);
            assertTrue(e.getMessage().contains("'rsyncPort' (-Dopenim.rsync.port"), e.getMessage());

            ready(image).archiveCompression = "zstd";
            e = assertThrows(MojoExecutionException.class, image::execute);
            assertTrue(e.getMessage().contains("'archiveCompression'"), e.getMessage());

            ready(run).command = " ";
            e = assertThrows(MojoExecutionException.class, run::execute);
            assertTrue(e.getMessage().contains("openim:run needs a command"), e.getMessage());

            assertEquals(List.of(), engines.requests);
            assertFalse(Files.exists(root.resolve("_output")), "not even the lock was taken");
        }

        @Test
        void theCacheGoalsNeedACacheDirOutsideTheCheckoutBeforeTheEngine(
                @InjectMojo(goal = "cache-save", pom = POM) CacheSaveMojo cacheSave,
                @InjectMojo(goal = "cache-restore", pom = POM) CacheRestoreMojo cacheRestore)
                throws Exception {
            for (AbstractOpenImMojo mojo : all(cacheSave, cacheRestore)) {
                MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
                assertTrue(
                        e.getMessage()
                                .contains(
                                        "openim:" + mojo.goal().goalName() + " needs 'cacheDir' (-Dopenim.cache.dir="),
                        e.getMessage());
                assertTrue(e.getMessage().contains("It has no default"), e.getMessage());
            }
            cacheSave.cacheDir = "ci-cache";
            MojoExecutionException inside = assertThrows(MojoExecutionException.class, cacheSave::execute);
            assertTrue(inside.getMessage().contains("inside the checkout"), inside.getMessage());
            Files.writeString(elsewhere.resolve("a-file"), "x");
            cacheRestore.cacheDir = elsewhere.resolve("a-file").toString();
            MojoExecutionException file = assertThrows(MojoExecutionException.class, cacheRestore::execute);
            assertTrue(file.getMessage().contains("which is a file"), file.getMessage());
            assertEquals(List.of(), engines.requests);
            assertFalse(Files.exists(root.resolve("_output")), "not even the lock was taken");
        }

        @Test
        void shellRefusesBatchModeBeforeTheEngine(@InjectMojo(goal = "shell", pom = POM) ShellMojo shell)
                throws Exception {
            ready(shell).session.getRequest().setInteractiveMode(false);
            MojoExecutionException e = assertThrows(MojoExecutionException.class, shell::execute);
            assertTrue(e.getMessage().contains("openim:shell needs an interactive terminal"), e.getMessage());
            assertEquals(List.of(), engines.requests);
        }

        @Test
        void cleanWithoutAnEngineStillRemovesTheOutput(@InjectMojo(goal = "clean", pom = POM) CleanMojo clean)
                throws Exception {
            engines = FakeEngineFactory.unavailable();
            ready(clean);
            new OutputDirectory(root.resolve("_output")).createDirectories(root.resolve("_output/dockerized/bin"));
            clean.execute();
            assertFalse(Files.exists(root.resolve("_output")));
            assertTrue(log.contains("WARN No Docker engine answered, so only"), log.lines.toString());
            assertEquals(1, engines.requests.size());
        }

        @Test
        void aFailedDockerfileIsABuildFailureAndNoEngineIsAnExecutionError(
                @InjectMojo(goal = "build-image", pom = POM) BuildImageMojo buildImage) throws Exception {
            ready(buildImage);
            Files.createDirectories(root.resolve("build/build-image"));
            Files.writeString(root.resolve("build/build-image/Dockerfile"), "FROM scratch\nRUN false\n");
            FakeDockerEngine engine = new FakeDockerEngine().failBuilds("returned a non-zero code: 1", List.of("x"));
            buildImage.engines = FakeEngineFactory.answering(engine);
            MojoFailureException failure = assertThrows(MojoFailureException.class, buildImage::execute);
            assertTrue(failure.getMessage().contains("failed to build"), failure.getMessage());
            assertTrue(engine.closed(), "the engine is closed whatever happens");

            buildImage.engines = FakeEngineFactory.unavailable();
            MojoExecutionException error = assertThrows(MojoExecutionException.class, buildImage::execute);
            assertTrue(error.getMessage().contains("No Docker engine answered"), error.getMessage());
        }

        @Test
        void theBindTransportToAnEngineElsewhereIsRefusedBeforeAnythingIsMade(
                @InjectMojo(goal = "build", pom = POM) BuildMojo build) throws Exception {
            FakeDockerEngine remote = new FakeDockerEngine("tcp://10.0.0.2:2376");
            remote.local = false;
            engines = FakeEngineFactory.answering(remote);
            ready(build).syncTransport = "bind";
            Files.createDirectories(root.resolve("build/build-image"));
            Files.writeString(root.resolve("build/build-image/Dockerfile"), "FROM OPENIM_BUILD_IMAGE_CROSS_TAG\n");
            MojoExecutionException e = assertThrows(MojoExecutionException.class, build::execute);
            assertTrue(
                    e.getMessage().contains("the engine at tcp://10.0.0.2:2376 is not on this machine"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("-Dopenim.sync.transport=stream"), e.getMessage());
            assertEquals(List.of(), remote.builtRequests, "no build image");
            assertEquals(List.of(), remote.createdSpecs, "no container");
        }

        @Test
        void buildImageBuildsOnceAndThenReportsItUpToDate(
                @InjectMojo(goal = "build-image", pom = POM) BuildImageMojo buildImage) throws Exception {
            ready(buildImage);
            Files.createDirectories(root.resolve("build/build-image"));
            Files.writeString(root.resolve("build/build-image/Dockerfile"), "FROM OPENIM_BUILD_IMAGE_CROSS_TAG\n");
            buildImage.execute();
            buildImage.execute();
            assertEquals(1, engines.engine.builtRequests.size());
            assertTrue(log.contains("is up to date"), log.lines.toString());
        }

        @Test
        void everyGoalChecksEverySettingItDeclaresBeforeItStarts(
                @InjectMojo(goal = "clean", pom = POM) CleanMojo clean,
                @InjectMojo(goal = "build-image", pom = POM) BuildImageMojo buildImage,
                @InjectMojo(goal = "sync", pom = POM) SyncMojo sync,
                @InjectMojo(goal = "copy-output", pom = POM) CopyOutputMojo copyOutput,
                @InjectMojo(goal = "build", pom = POM) BuildMojo build,
                @InjectMojo(goal = "run", pom = POM) RunMojo run,
                @InjectMojo(goal = "shell", pom = POM) ShellMojo shell,
                @InjectMojo(goal = "image", pom = POM) ImageMojo image,
                @InjectMojo(goal = "push", pom = POM) PushMojo push,
                @InjectMojo(goal = "cache-save", pom = POM) CacheSaveMojo cacheSave,
                @InjectMojo(goal = "cache-restore", pom = POM) CacheRestoreMojo cacheRestore)
                throws Exception {
            cacheSave.cacheDir = "_output/ci-cache";
            cacheRestore.cacheDir = "_output/ci-cache";
            for (AbstractOpenImMojo mojo :
                    all(clean, buildImage, sync, copyOutput, build, run, shell, image, push, cacheSave, cacheRestore)) {
                GoalRequests requests = mojo.requests();
                requests.skip();
                requests.verbose();
                requests.waitForLock();
                requests.engineRequest(root);
                try {
                    mojo.prepare(requests, new RecordingConsole());
                } catch (RuntimeException e) {
                    // shell refuses batch mode, after reading its settings.
                }
                Set<Setting> declared = EnumSet.noneOf(Setting.class);
                for (Setting setting : Setting.values()) {
                    if (setting.goals().contains(mojo.goal())) {
                        declared.add(setting);
                    }
                }
                Set<Setting> unread = EnumSet.copyOf(declared);
                unread.removeAll(requests.settings().read());
                assertEquals(
                        Set.of(),
                        unread,
                        mojo.goal() + " prepares without reading "
                                + unread.stream().map(Setting::parameter).collect(Collectors.toList()));
            }
        }
    }
}
