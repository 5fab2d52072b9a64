package io.openim.maven.naming;

import io.openim.maven.OpenImException;
import io.openim.maven.setting.Setting;
import io.openim.maven.util.TextInput;
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
                String text = TextInput.checked(
                                Files.readString(versionFile, StandardCharsets.UTF_8),
                                "The file " + versionFile,
                                "Fix it, or set " + Setting.BUILD_IMAGE_VERSION.describe())
                        .trim();
                if (!text.isEmpty()) {
                    BuildIdentity.validateVersion(text, versionFile.toString());
                    return text;
                }
            } catch (IllegalArgumentException e) {
                throw new OpenImException(e.getMessage(), e);
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
