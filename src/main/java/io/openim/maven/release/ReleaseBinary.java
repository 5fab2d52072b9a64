package io.openim.maven.release;

import io.openim.maven.oci.Platform;
import java.nio.file.Path;

/** One built binary to package: {@code _output/dockerized/bin/OS/ARCH[/VARIANT]/NAME}. */
public record ReleaseBinary(String name, Platform platform, Path file) {

    /** The image name part, e.g. {@code openim-api-amd64}. */
    public String imageName() {
        return name + "-" + platform.archTag();
    }
}
