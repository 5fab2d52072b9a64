package io.openim.maven.containers;

import io.openim.maven.docker.DockerEngine;
import io.openim.maven.util.Console;

/** A throwaway container of an earlier run that did not end cleanly (e.g. Maven was killed). */
final class StaleContainer {

    private StaleContainer() {}

    /** Removes a container of that name, saying so: its name is needed now. */
    static void removeIfPresent(DockerEngine engine, String name, Console console) {
        engine.inspectContainer(name).ifPresent(stale -> {
            engine.removeContainer(stale.id());
            console.warn("Removed the container " + name + " (" + stale.state() + ") that an earlier run left behind"
                    + " (it was stopped before it could clean up)");
        });
    }
}
