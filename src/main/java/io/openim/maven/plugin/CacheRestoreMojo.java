package io.openim.maven.plugin;

import io.openim.maven.buildimage.BuildImageRequest;
import io.openim.maven.cache.CacheRequest;
import io.openim.maven.cache.CacheRestorer;
import io.openim.maven.config.GoalRequests;
import io.openim.maven.containers.DataContainer;
import io.openim.maven.process.BuildUser;
import io.openim.maven.setting.Goal;
import io.openim.maven.setting.PropertyNames;
import io.openim.maven.util.Console;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Fills a fresh data container's cache volumes from the archives in {@code cacheDir} before the
 * first sync, so the first build on a new machine starts with warm caches. Archives made for
 * another build image or cross image, and damaged ones, are skipped; a data container that exists
 * already keeps its own caches.
 */
@Mojo(name = "cache-restore", defaultPhase = LifecyclePhase.INITIALIZE, threadSafe = true)
public class CacheRestoreMojo extends AbstractBuildImageMojo {

    /** Source root inside the containers. Default {@code /workspace}. */
    @Parameter(property = PropertyNames.REMOTE_ROOT)
    protected String remoteRoot;

    /** Container paths kept in the data container between builds (caches). Default {@code /cache}. */
    @Parameter(property = PropertyNames.CACHE_VOLUMES)
    protected List<String> cacheVolumes;

    /** uid:gid of the build. Default: the host user's, or root on a rootless engine. */
    @Parameter(property = PropertyNames.BUILD_USER)
    protected String buildUser;

    /**
     * Directory for the cache archives, e.g. {@code ${user.home}/.cache/openim}: outside the
     * checkout, or below {@code outDir}. No default.
     */
    @Parameter(property = PropertyNames.CACHE_DIR)
    protected String cacheDir;

    @Override
    protected Goal goal() {
        return Goal.CACHE_RESTORE;
    }

    @Override
    protected GoalWork prepare(GoalRequests requests, Console console) {
        CacheRequest request = requests.cacheRequest();
        BuildImageRequest image = requests.buildImageRequest();
        DataContainer.Layout layout = requests.dataContainerLayout();
        BuildUser user = requests.buildUser();
        return context -> new CacheRestorer(context.engine(), context.console(), context.cleanup(), context.output())
                .restore(request, image, layout, user);
    }
}
