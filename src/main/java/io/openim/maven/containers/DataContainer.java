package io.openim.maven.containers;

import io.openim.maven.OpenImException;
import io.openim.maven.docker.ContainerInfo;
import io.openim.maven.docker.ContainerOutput;
import io.openim.maven.docker.ContainerSpec;
import io.openim.maven.docker.DockerEngine;
import io.openim.maven.naming.BuildIdentity;
import io.openim.maven.naming.Role;
import io.openim.maven.process.BuildUser;
import io.openim.maven.setting.Setting;
import io.openim.maven.util.Console;
import io.openim.maven.util.LastLines;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The data container holds what persists between runs for incremental builds: the synced sources
 * and the caches, in labelled named volumes. It runs once, as root, to hand those volumes to the
 * build user, and is reused while that run completed with exit code 0.
 */
public final class DataContainer {

    private final DockerEngine engine;
    private final Console console;

    public DataContainer(DockerEngine engine, Console console) {
        this.engine = engine;
        this.console = console;
    }

    /** The volumes' paths: the source root first, then the caches. */
    public record Layout(String remoteRoot, List<String> cacheVolumes) {
        public Layout {
            cacheVolumes = List.copyOf(cacheVolumes);
        }

        List<String> paths() {
            List<String> paths = new ArrayList<>();
            paths.add(remoteRoot);
            paths.addAll(cacheVolumes);
            return paths;
        }
    }

    /**
     * Fills the volumes of a data container that was just created and has not run yet (its first
     * run then hands what it was given to the build user). A failure removes the container.
     */
    @FunctionalInterface
    public interface Filler {
        void fill(String containerId);
    }

    public void ensure(BuildIdentity identity, String image, Layout layout, BuildUser buildUser) {
        ensure(identity, image, layout, buildUser, null);
    }

    /**
     * The data container, reused or made; a new one is given to {@code filler} (when not null)
     * before it first runs. Returns whether it was made.
     */
    public boolean ensure(BuildIdentity identity, String image, Layout layout, BuildUser buildUser, Filler filler) {
        String name = identity.dataContainer();
        Optional<ContainerInfo> existing = engine.inspectContainer(name);
        if (existing.isPresent()) {
            ContainerInfo info = existing.get();
            if (!info.running() && !info.neverStarted() && info.exitCode() == 0) {
                console.debug("Reusing data container " + name);
                return false;
            }
            console.warn("Data container " + name + " is in a bad state ("
                    + (info.neverStarted()
                            ? "created but never started"
                            : info.state() + ", exit code " + info.exitCode())
                    + "); recreating it");
            engine.removeContainer(info.id());
        }
        List<String> paths = layout.paths();
        ContainerSpec.Builder spec = ContainerSpec.builder(name, image)
                .entrypoint(List.of("/bin/sh", "-c"))
                .command(List.of(ownershipScript(paths, buildUser)))
                .user("0:0")
                .networkMode("none")
                .labels(identity.labels(Role.DATA));
        for (int i = 0; i < paths.size(); i++) {
            String volume = identity.dataVolume(i);
            engine.createVolume(volume, identity.labels(Role.DATA));
            spec.volume(volume, paths.get(i));
        }
        console.info("Creating data container " + name);
        String id = engine.createContainer(spec.build());
        if (filler != null) {
            try {
                filler.fill(id);
            } catch (RuntimeException e) {
                // Half-filled volumes must not run, nor be reused.
                removeQuietly(id);
                throw e;
            }
        }
        LastLines output = new LastLines(20);
        int exit;
        try {
            try (ContainerOutput attached = engine.attachOutput(id)) {
                engine.startContainer(id);
                exit = attached.follow(lines -> lines.forEach(output));
            }
        } catch (RuntimeException e) {
            // A data container that never completed its run must not be reused next time.
            removeQuietly(id);
            throw e;
        }
        if (exit != 0) {
            removeQuietly(id);
            if (output.lines().stream()
                    .anyMatch(line -> line.contains("invalid user") || line.contains("invalid group"))) {
                // chown looks the name up in the image, as the build container and rsync will.
                throw new OpenImException("The build image " + image + " does not know the user '" + buildUser
                        + "'. Fix " + Setting.BUILD_USER.describe() + ": use uid:gid numbers, e.g. 1000:1000, or a"
                        + " user and group the image defines.");
            }
            throw new OpenImException("The data container " + name + " could not prepare its volumes (exit code " + exit
                    + ")." + output.format("Its output") + "\nThe build image needs /bin/sh and chown.");
        }
        return true;
    }

    private void removeQuietly(String id) {
        try {
            engine.removeContainer(id);
        } catch (RuntimeException e) {
            console.warn("Could not remove the unfinished data container " + id + " (" + e.getMessage()
                    + "); the next run recreates it, or remove it with `docker rm -f " + id + "`.");
        }
    }

    /** Makes every volume writable by the build user; a root build needs nothing. */
    static String ownershipScript(List<String> paths, BuildUser buildUser) {
        StringBuilder script = new StringBuilder("set -e; mkdir -p");
        for (String path : paths) {
            script.append(' ').append(ShellQuoting.quote(path));
        }
        if (!buildUser.isRoot()) {
            script.append("; chown -R ").append(ShellQuoting.quote(buildUser.toString()));
            for (String path : paths) {
                script.append(' ').append(ShellQuoting.quote(path));
            }
        }
        return script.toString();
    }
}
