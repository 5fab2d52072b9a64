package io.openim.maven.clean;

import io.openim.maven.docker.ContainerInfo;
import io.openim.maven.docker.DockerEngine;
import io.openim.maven.docker.ImageInfo;
import io.openim.maven.docker.VolumeInfo;
import io.openim.maven.naming.BuildIdentity;
import io.openim.maven.util.Console;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Removes this checkout's containers, volumes and images, found by label. Other checkouts'
 * objects (another hash) and images without our labels (the base image) are never touched.
 */
public final class EngineStateCleaner {

    private final DockerEngine engine;
    private final Console console;

    public EngineStateCleaner(DockerEngine engine, Console console) {
        this.engine = engine;
        this.console = console;
    }

    /**
     * A version bump clears all state: everything of this hash with another version. Objects that
     * belong to no version (release images) stay.
     */
    public int removeOtherVersions(BuildIdentity identity) {
        return remove(
                identity.hash(),
                version -> version != null && !identity.version().equals(version));
    }

    /** Everything of this checkout's hash, every version, release images included. */
    public int removeAll(String hash) {
        return remove(hash, version -> true);
    }

    private int remove(String hash, Predicate<String> versionMatches) {
        Map<String, String> filter = BuildIdentity.hashFilter(hash);
        int removed = 0;
        // Containers first: they hold the volumes and keep images in use.
        for (ContainerInfo container : engine.listContainers(filter)) {
            if (versionMatches.test(container.labels().get(BuildIdentity.LABEL_VERSION))) {
                console.info("Removing container " + container.name());
                engine.removeContainer(container.id());
                removed++;
            }
        }
        for (VolumeInfo volume : engine.listVolumes(filter)) {
            if (versionMatches.test(volume.labels().get(BuildIdentity.LABEL_VERSION))) {
                console.info("Removing volume " + volume.name());
                engine.removeVolume(volume.name());
                removed++;
            }
        }
        List<ImageInfo> images = engine.listImages(filter);
        for (ImageInfo image : images) {
            if (versionMatches.test(image.labels().get(BuildIdentity.LABEL_VERSION))) {
                console.info(
                        "Removing image " + (image.tags().isEmpty() ? image.id() : String.join(", ", image.tags())));
                engine.removeImage(image.id());
                removed++;
            }
        }
        return removed;
    }
}
