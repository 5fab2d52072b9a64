package io.openim.maven.naming;

import io.openim.maven.OpenImException;
import io.openim.maven.setting.Setting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The build image version: the setting, else the {@code VERSION} file beside the Dockerfile, else "1". */
public final class BuildImageVersion {

    public static final String FILE_NAME = "VERSION";

    private BuildImageVersion() {}

    public static String resolve(String configured, Path dockerfile) {
        if (configured != null) {
            BuildIdentity.validateVersion(configured, Setting.BUILD_IMAGE_VERSION.describe());
            return configured;
        }
        Path versionFile = dockerfile.resolveSibling(FILE_NAME);
        if (Files.isRegularFile(versionFile)) {
            try {
                String text =
                        Files.readString(versionFile, StandardCharsets.UTF_8).trim();
                if (!text.isEmpty()) {
                    BuildIdentity.validateVersion(text, versionFile.toString());
                    return text;
                }
            } catch (IOException e) {
                throw new OpenImException(
                        "Cannot read " + versionFile + ": " + e.getMessage() + ". Make it readable or" + " set "
                                + Setting.BUILD_IMAGE_VERSION.describe() + ".",
                        e);
            }
        }
        return "1";
    }
}
