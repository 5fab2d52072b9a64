package io.openim.maven.pipeline;

import io.openim.maven.containers.DataContainer;
import io.openim.maven.containers.SyncTransport;
import io.openim.maven.naming.BuildIdentity;
import io.openim.maven.process.BuildUser;
import io.openim.maven.sync.RsyncClient;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything the container goals need, resolved and checked before the first engine call.
 *
 * @param rsyncImage the rsync container's image; null means the build image
 * @param configuredUser the {@code buildUser} setting; null lets {@link BuildUser#choose} decide
 * @param tempDirectory where the per-run rsync password file goes
 */
public record BuildPlan(
        BuildIdentity identity,
        DataContainer.Layout layout,
        String rsyncImage,
        int rsyncPort,
        SyncTransport syncTransport,
        RsyncClient.SyncInOptions syncIn,
        BuildUser configuredUser,
        String network,
        Map<String, String> environment,
        String outputSubpath,
        boolean copyOutput,
        Path tempDirectory) {

    public BuildPlan {
        environment = Map.copyOf(environment);
    }

    public Path projectRoot() {
        return syncIn.sourceRoot();
    }
}
