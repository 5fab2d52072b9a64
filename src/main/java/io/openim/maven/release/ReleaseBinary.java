package io.openim.maven.release;

import java.nio.file.Path;

/** One built binary to package: {@code _output/dockerized/bin/OS/ARCH/NAME}. */
public record ReleaseBinary(String name, String os, String arch, Path file) {

    public String platform() {
        return os + "/" + arch;
    }

    /** The image name part, e.g. {@code openim-api-amd64}. */
    public String imageName() {
        return name + "-" + arch;
    }
}
