package io.openim.maven.naming;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

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

    /**
     * Files under {@code directory} that git tracks in the checkout at {@code projectRoot}, at most
     * {@code limit}; empty when git is not installed or the checkout is no git work tree.
     */
    public static List<String> trackedFiles(Path projectRoot, Path directory, int limit) {
        Path root = projectRoot.toAbsolutePath().normalize();
        Path target = directory.toAbsolutePath().normalize();
        if (!target.startsWith(root) || findGitDir(root) == null) {
            return List.of();
        }
        String relative = target.equals(root) ? "." : root.relativize(target).toString();
        try {
            Process git = new ProcessBuilder("git", "-C", root.toString(), "ls-files", "-z", "--", relative)
                    .redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            git.getOutputStream().close();
            byte[] out = git.getInputStream().readAllBytes();
            if (!git.waitFor(30, TimeUnit.SECONDS) || git.exitValue() != 0) {
                git.destroyForcibly();
                return List.of();
            }
            List<String> files = new ArrayList<>();
            for (String file : new String(out, StandardCharsets.UTF_8).split("\0")) {
                if (!file.isEmpty() && files.size() < limit) {
                    files.add(file);
                }
            }
            return files;
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** A commit: its full hash and its committer time in seconds since the epoch. */
    public record Commit(String id, long time) {}

    /** The commit HEAD points at, or empty without git or commits. */
    public static Optional<Commit> headCommit(Path projectRoot) {
        if (findGitDir(projectRoot.toAbsolutePath()) == null) {
            return Optional.empty();
        }
        try {
            Process git = new ProcessBuilder("git", "-C", projectRoot.toString(), "log", "-1", "--format=%H %ct")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            git.getOutputStream().close();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!git.waitFor(30, TimeUnit.SECONDS) || git.exitValue() != 0 || !out.matches("[0-9a-f]{40,64} \\d+")) {
                git.destroyForcibly();
                return Optional.empty();
            }
            int space = out.indexOf(' ');
            return Optional.of(new Commit(out.substring(0, space), Long.parseLong(out.substring(space + 1))));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
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
