package io.openim.maven.plugin;

import java.nio.file.Path;
import java.util.Map;
import javax.inject.Named;
import javax.inject.Singleton;

/** This JVM's environment, home and temp directory. */
@Named
@Singleton
public final class SystemHostEnvironment implements HostEnvironment {

    @Override
    public Map<String, String> variables() {
        return System.getenv();
    }

    @Override
    public Path userHome() {
        return Path.of(System.getProperty("user.home"));
    }

    @Override
    public Path tempDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }
}
