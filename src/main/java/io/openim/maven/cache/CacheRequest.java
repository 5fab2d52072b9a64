package io.openim.maven.cache;

import io.openim.maven.naming.BuildIdentity;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code openim:cache-save} and {@code openim:cache-restore} work on, checked before either
 * starts.
 *
 * @param identity the checkout's names: which data container
 * @param directory {@code cacheDir}, where the archives are kept
 * @param volumes the data container's cache volumes ({@code cacheVolumes}), never the sources
 * @param madeFor what this build's caches are made by; an archive for anything else is skipped
 */
public record CacheRequest(BuildIdentity identity, Path directory, List<String> volumes, CacheArchive.MadeFor madeFor) {

    public CacheRequest {
        volumes = List.copyOf(volumes);
    }

    Path archive(String volume) {
        return directory.resolve(CacheArchive.fileName(volume));
    }
}
