package io.openim.maven.plugin;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** A host with a given environment and directories, for mojo tests. */
final class FakeHostEnvironment implements HostEnvironment {

    final Map<String, String> variables = new HashMap<>();
    private final Path home;
    private final Path temp;

    FakeHostEnvironment(Path home, Path temp) {
        this.home = home;
        this.temp = temp;
    }

    @Override
    public Map<String, String> variables() {
        return variables;
    }

    @Override
    public Path userHome() {
        return home;
    }

    @Override
    public Path tempDirectory() {
        return temp;
    }
}
