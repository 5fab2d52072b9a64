package io.openim.maven.plugin;

import java.nio.file.Path;
import java.util.Map;

/** What the plugin reads of the machine it runs on; injected so tests can give their own. */
public interface HostEnvironment {

    /** The process environment (OPENIM_*, DOCKER_HOST, variables to pass to the build). */
    Map<String, String> variables();

    /** The user's home, where the Docker CLI keeps its configuration. */
    Path userHome();

    /** Where per-run secrets go (the rsync password file). */
    Path tempDirectory();
}
