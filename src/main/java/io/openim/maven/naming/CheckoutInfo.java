package io.openim.maven.naming;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Facts about the checkout and the machine that go into the hash. */
public final class CheckoutInfo {

    private CheckoutInfo() {}

    /** The checkout's hash on this machine: see {@link BuildIdentity#hash}. */
    public static String hashOf(Path projectRoot) {
        return BuildIdentity.hash(hostname(), canonicalPath(projectRoot), gitBranch(projectRoot));
    }

    /** The branch HEAD points at, or "" when detached or when there is no git checkout. */
    public static String gitBranch(Path projectRoot) {
        Path gitDir = findGitDir(projectRoot.toAbsolutePath());
        if (gitDir == null) {
            return "";
        }
        try {
            String head = Files.readString(gitDir.resolve("HEAD"), StandardCharsets.UTF_8)
                    .trim();
            String prefix = "ref: refs/heads/";
            return head.startsWith(prefix) ? head.substring(prefix.length()) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static Path findGitDir(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path git = dir.resolve(".git");
            if (Files.isDirectory(git)) {
                return git;
            }
            if (Files.isRegularFile(git)) {
                // A worktree or submodule: ".git" is a file that says where the real one is.
                try {
                    String text = Files.readString(git, StandardCharsets.UTF_8).trim();
                    if (text.startsWith("gitdir:")) {
                        return dir.resolve(text.substring("gitdir:".length()).trim())
                                .normalize();
                    }
                } catch (IOException e) {
                    return null;
                }
            }
        }
        return null;
    }

    public static String hostname() {
        try {
            Path kernel = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(kernel)) {
                return Files.readString(kernel, StandardCharsets.UTF_8).trim();
            }
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env == null ? "localhost" : env;
        }
    }

    public static String canonicalPath(Path path) {
        try {
            return path.toRealPath().toString();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize().toString();
        }
    }
}
