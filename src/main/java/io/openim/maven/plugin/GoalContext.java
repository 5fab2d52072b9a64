package io.openim.maven.plugin;

import io.openim.maven.docker.DockerEngine;
import io.openim.maven.process.OutputDirectory;
import io.openim.maven.process.ShutdownCleanup;
import io.openim.maven.util.Console;

/** What a goal's work gets once its input is checked and the checkout is locked. */
record GoalContext(EngineSession session, ShutdownCleanup cleanup, Console console, OutputDirectory output) {

    /** The engine, opened now if it was not yet. */
    DockerEngine engine() {
        return session.engine();
    }
}
