package io.openim.maven.release;

import io.openim.maven.OpenImException;
import io.openim.maven.oci.Platform;
import io.openim.maven.setting.Setting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Finds the binaries that {@code openim:build} copied out, filtered by name and platform. */
final class BinaryScanner {

    private BinaryScanner() {}

    static List<ReleaseBinary> scan(Path binRoot, List<String> names, List<Platform> platforms) {
        List<ReleaseBinary> found = new ArrayList<>();
        if (Files.isDirectory(binRoot)) {
            try (Stream<Path> walk = Files.walk(binRoot, 4)) {
                walk.filter(Files::isRegularFile).sorted().forEach(file -> {
                    Path relative = binRoot.relativize(file);
                    int depth = relative.getNameCount();
                    // OS/ARCH/NAME, or OS/ARCH/VARIANT/NAME for a known variant (v7 of arm).
                    boolean variantDirectory = depth == 4
                            && Platform.VARIANTS.contains(relative.getName(2).toString());
                    if (depth == 3 || variantDirectory) {
                        String variant = depth == 4 ? relative.getName(2).toString() : null;
                        found.add(new ReleaseBinary(
                                relative.getName(depth - 1).toString(),
                                new Platform(
                                        relative.getName(0).toString(),
                                        relative.getName(1).toString(),
                                        variant),
                                file));
                    }
                });
            } catch (IOException e) {
                throw new OpenImException("Cannot list " + binRoot + ": " + e.getMessage(), e);
            }
        }
        Set<String> unknown = new LinkedHashSet<>(names);
        found.forEach(binary -> unknown.remove(binary.name()));
        if (!found.isEmpty() && !unknown.isEmpty()) {
            throw new OpenImException(Setting.IMAGES.describe() + " names " + unknown + " but " + binRoot
                    + " has no such binary. Fix it or the build that should produce it.");
        }
        List<ReleaseBinary> selected = new ArrayList<>();
        for (ReleaseBinary binary : found) {
            boolean nameOk = names.isEmpty() || names.contains(binary.name());
            boolean platformOk = platforms.isEmpty() || platforms.contains(binary.platform());
            if (nameOk && platformOk) {
                selected.add(binary);
            }
        }
        for (Platform platform : found.isEmpty() ? List.<Platform>of() : platforms) {
            if (selected.stream().noneMatch(binary -> binary.platform().equals(platform))) {
                throw new OpenImException(Setting.BUILD_PLATFORMS.describe() + " asks for " + platform + " but "
                        + binRoot.resolve(platform.toString()) + " holds no binary. Build it (e.g. GOOS/GOARCH in the"
                        + " build command) or leave " + platform + " out.");
            }
        }
        if (selected.isEmpty()) {
            throw new OpenImException("No binaries found in " + binRoot + " (expected OS/ARCH/NAME"
                    + (names.isEmpty() ? "" : " for images " + names)
                    + (platforms.isEmpty() ? "" : " on platforms " + platforms)
                    + "). Run openim:build first (bind it before openim:image, e.g. to compile); it fills that"
                    + " directory.");
        }
        Set<String> missing = new LinkedHashSet<>(names);
        selected.forEach(binary -> missing.remove(binary.name()));
        if (!missing.isEmpty()) {
            throw new OpenImException(Setting.IMAGES.describe() + " names " + missing + " but " + binRoot
                    + " has no such binary on " + platforms + ". Fix it or the build that should produce it.");
        }
        Set<String> seen = new HashSet<>();
        for (ReleaseBinary binary : selected) {
            // Image names and archives are NAME-ARCH: two OSes with one arch would overwrite each other.
            if (!seen.add(binary.imageName())) {
                throw new OpenImException(binary.name() + " exists for "
                        + binary.platform().archTag() + " on more"
                        + " than one OS under " + binRoot + "; their images and archives would collide. Choose the OS"
                        + " with "
                        + Setting.BUILD_PLATFORMS.describe(
                                "linux/" + binary.platform().architecture())
                        + ".");
            }
        }
        return selected;
    }
}
