package io.openim.maven.clean;

import io.openim.maven.docker.ContainerInfo;
import io.openim.maven.docker.DockerEngine;
import io.openim.maven.docker.ImageInfo;
import io.openim.maven.docker.VolumeInfo;
import io.openim.maven.naming.BuildIdentity;
import io.openim.maven.util.Console;
import java.util.List;
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

    /** A version bump clears all state: remove everything of this hash with another version. */
    public int removeOtherVersions(BuildIdentity identity) {
        return remove(identity, version -> !identity.version().equals(version));
    }

    /** Everything of this hash, every version. */
    public int removeAll(BuildIdentity identity) {
        return remove(identity, version -> true);
    }

    private int remove(BuildIdentity identity, Predicate<String> versionMatches) {
        int removed = 0;
        // Containers first: they hold the volumes and keep images in use.
        for (ContainerInfo container : engine.listContainers(identity.hashFilter())) {
            if (versionMatches.test(container.labels().get(BuildIdentity.LABEL_VERSION))) {
                console.info("Removing container " + container.name());
                engine.removeContainer(container.id());
                removed++;
            }
        }
        for (VolumeInfo volume : engine.listVolumes(identity.hashFilter())) {
            if (versionMatches.test(volume.labels().get(BuildIdentity.LABEL_VERSION))) {
                console.info("Removing volume " + volume.name());
                engine.removeVolume(volume.name());
                removed++;
            }
        }
        List<ImageInfo> images = engine.listImages(identity.hashFilter());
        for (ImageInfo image : images) {
            if (versionMatches.test(image.labels().get(BuildIdentity.LABEL_VERSION))) {
                console.info("Removing image " + (image.tags().isEmpty() ? image.id() : String.join(", ", image.tags())));
                engine.removeImage(image.id());
                removed++;
            }
        }
        return removed;
    }

}
