package io.openim.maven.plugin;

import io.openim.maven.cache.CacheRequest;
import io.openim.maven.cache.CacheSaver;
import io.openim.maven.config.GoalRequests;
import io.openim.maven.setting.Goal;
import io.openim.maven.setting.PropertyNames;
import io.openim.maven.util.Console;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Saves the data container's cache volumes into {@code cacheDir}, one compressed archive per
 * volume, replacing the archives of an earlier save: what a CI runner keeps (with actions/cache)
 * for {@code openim:cache-restore} on the next, fresh runner.
 */
@Mojo(name = "cache-save", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CacheSaveMojo extends AbstractBuildImageVersionMojo {

    /** Container paths kept in the data container between builds (caches). Default {@code /cache}. */
    @Parameter(property = PropertyNames.CACHE_VOLUMES)
    protected List<String> cacheVolumes;

    /**
     * Directory for the cache archives, e.g. {@code ${user.home}/.cache/openim}: outside the
     * checkout, or below {@code outDir}. No default.
     */
    @Parameter(property = PropertyNames.CACHE_DIR)
    protected String cacheDir;

    @Override
    protected Goal goal() {
        return Goal.CACHE_SAVE;
    }

    @Override
    protected GoalWork prepare(GoalRequests requests, Console console) {
        CacheRequest request = requests.cacheRequest();
        return context -> new CacheSaver(context.engine(), context.console(), context.cleanup()).save(request);
    }
}
