package io.openim.maven.sync;

import io.openim.maven.OpenImException;
import io.openim.maven.containers.RsyncEndpoint;
import io.openim.maven.process.OutputDirectory;
import io.openim.maven.process.ShutdownCleanup;
import io.openim.maven.setting.Setting;
import io.openim.maven.util.Console;
import io.openim.maven.util.LastLines;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the host's rsync client against the rsync container: sources in, results out.
 * Only what changed travels; the {@code --stats} report says how much did.
 */
public final class RsyncClient {

    private final Console console;
    private final ShutdownCleanup cleanup;
    private final String executable;

    public RsyncClient(Console console, ShutdownCleanup cleanup) {
        this(console, cleanup, "rsync");
    }

    RsyncClient(Console console, ShutdownCleanup cleanup, String executable) {
        this.console = console;
        this.cleanup = cleanup;
        this.executable = executable;
    }

    /** What to send and what to leave behind. */
    public record SyncInOptions(Path sourceRoot, List<String> excludes, boolean syncGit, int compressLevel) {}

    public TransferStats syncIn(RsyncEndpoint endpoint, SyncInOptions options) {
        List<String> args = syncInArguments(endpoint, options);
        return run("sync in", args);
    }

    static List<String> syncInArguments(RsyncEndpoint endpoint, SyncInOptions options) {
        // No owners from here: what lands in the container is the build user's, whoever owns it here.
        List<String> args = new ArrayList<>(List.of("--archive", "--no-owner", "--no-group", "--delete", "--stats"));
        addCommon(args, endpoint, options.compressLevel());
        // Results live only in the container until copied out; never send or delete them.
        // Without a trailing slash, so a file or link of that name (a symlinked _output) stays out too.
        args.add("--filter=- /_output");
        args.add("--filter=- /_tmp");
        if (!options.syncGit()) {
            args.add("--filter=- /.git/");
        }
        for (String exclude : options.excludes()) {
            args.add("--filter=- " + exclude);
        }
        args.add(options.sourceRoot().toAbsolutePath() + "/");
        args.add(endpoint.url(""));
        return args;
    }

    /** Copies {@code outputSubpath} of the container back to the same path under {@code hostRoot}. */
    public TransferStats copyOut(RsyncEndpoint endpoint, Path hostRoot, String outputSubpath, OutputDirectory output) {
        Path target = output.createDirectories(hostRoot.resolve(outputSubpath));
        Run run = execute("copy out", copyOutArguments(endpoint, target, outputSubpath));
        if (run.exit() == PARTIAL_TRANSFER
                && run.output().contains("change_dir")
                && run.output().contains("No such file or directory")) {
            console.info("Nothing to copy out: " + outputSubpath + " does not exist in the container (the command"
                    + " wrote no results there)");
            return TransferStats.NONE;
        }
        TransferStats stats = finish(run, target);
        warnAboutUnsafeLinks(run.output(), outputSubpath);
        return stats;
    }

    /** rsync's line for a link --safe-links leaves out: {@code ignoring unsafe symlink "a/b" -> "/etc/x"}. */
    private static final Pattern UNSAFE_LINK = Pattern.compile("^ignoring unsafe symlink \"(.*)\" -> \"(.*)\"$");

    /** One warning per link of the output that points out of it: it was neither followed nor copied. */
    private void warnAboutUnsafeLinks(String output, String outputSubpath) {
        for (String line : output.lines().toList()) {
            Matcher link = UNSAFE_LINK.matcher(line);
            if (link.matches()) {
                console.warn("Not copied out: the symbolic link " + outputSubpath + "/" + link.group(1) + " -> "
                        + link.group(2) + " points out of " + outputSubpath + " (only links that stay inside it"
                        + " are copied; nothing is followed)");
            }
        }
    }

    static List<String> copyOutArguments(RsyncEndpoint endpoint, Path target, String outputSubpath) {
        // No --delete: earlier results stay. --safe-links drops links that point outside the tree;
        // rsync names each one it drops only when verbose, which is where the warnings come from.
        List<String> args = new ArrayList<>(List.of(
                "--archive",
                // Results belong to whoever ran Maven, root included, not to the container's uids.
                "--no-owner",
                "--no-group",
                "--prune-empty-dirs",
                "--safe-links",
                "--verbose",
                "--stats"));
        addCommon(args, endpoint, 0);
        args.add(endpoint.url(outputSubpath));
        args.add(target.toAbsolutePath() + "/");
        return args;
    }

    private static void addCommon(List<String> args, RsyncEndpoint endpoint, int compressLevel) {
        args.add("--password-file=" + endpoint.passwordFile().toAbsolutePath());
        // The daemon sets it too; see RsyncContainer.
        args.add("--sockopts=TCP_NODELAY");
        if (compressLevel > 0) {
            args.add("--compress");
            args.add("--compress-level=" + compressLevel);
        }
        // Always itemised: rsync only counts deletions in --stats when it reports them; the item
        // lines go to the debug log unless verbose.
        args.add("--itemize-changes");
    }

    /** The daemon's refusal of a user or group name it cannot find in the image. */
    private static final Pattern UNKNOWN_ID = Pattern.compile("@ERROR: invalid (uid|gid) (\\S+)");

    /** How long a stopped rsync waits for the JVM's own stop to begin (the terminal signals both at once). */
    private static final Duration SIGNAL_GRACE = Duration.ofSeconds(2);

    /** rsync's code for SIGINT/SIGTERM, or a process killed by a signal (128 + n, or -1 when destroyed). */
    private static boolean stoppedByASignal(int exit) {
        return exit == 20 || exit > 128 || exit < 0;
    }

    /** rsync's exit code when some files could not be transferred, e.g. a missing source. */
    private static final int PARTIAL_TRANSFER = 23;

    /** One finished rsync process. */
    private record Run(String what, int exit, String output, List<String> lastLines, long millis) {}

    private TransferStats run(String what, List<String> args) {
        return finish(execute(what, args));
    }

    private TransferStats finish(Run run) {
        return finish(run, null);
    }

    /** {@code target} names where a copy out writes, for the disk-full hint. */
    private TransferStats finish(Run run, Path target) {
        Matcher unknownUser = UNKNOWN_ID.matcher(run.output());
        if (run.exit() != 0 && unknownUser.find()) {
            // The daemon switches to the build user per connection; the image's passwd decides a name.
            String what = unknownUser.group(1).equals("uid") ? "user" : "group";
            throw new OpenImException("The rsync container's image does not know the " + what + " '"
                    + unknownUser.group(2) + "'. Fix " + Setting.BUILD_USER.describe()
                    + ": use uid:gid numbers, e.g. 1000:1000, or a user and group the image defines.");
        }
        if (run.exit() != 0) {
            String hint = target != null && run.output().contains("No space left on device")
                    ? "\nThe disk holding " + target + " is full: free space, or point " + Setting.OUT_DIR.describe()
                            + " and " + Setting.OUTPUT_SUBPATH.describe() + " at a disk with room."
                    : "";
            throw new OpenImException("rsync (" + run.what() + ") failed with exit code " + run.exit() + "."
                    + LastLines.format("Its output", run.lastLines()) + hint);
        }
        TransferStats stats = TransferStats.parse(run.output());
        console.info("rsync " + run.what() + ": " + stats.summary() + " in " + run.millis() + " ms");
        return stats;
    }

    private Run execute(String what, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(args);
        console.debug("rsync " + String.join(" ", args));
        long start = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new OpenImException(
                    "rsync is not installed on this machine (" + e.getMessage() + "). The plugin"
                            + " uses the host's rsync client to move sources in and results out: install it, e.g."
                            + " `apt-get install rsync`, `dnf install rsync` or `brew install rsync`.",
                    e);
        }
        ShutdownCleanup.Registration undo = cleanup.registerProcess("rsync (" + what + ")", process::destroyForcibly);
        StringBuilder output = new StringBuilder();
        LastLines last = new LastLines(20);
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.append(line).append('\n');
                last.accept(line);
                if (console.verbose()) {
                    console.info("  " + line);
                } else {
                    console.debug(line);
                }
            }
            int exit = process.waitFor();
            if (stoppedByASignal(exit) && cleanup.stoppingWithin(SIGNAL_GRACE)) {
                // Ctrl-C: the cleanup's line says what happened; rsync's output would only add noise.
                throw new OpenImException("Interrupted during rsync (" + what + ")");
            }
            return new Run(what, exit, output.toString(), last.lines(), (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            throw new OpenImException("Reading rsync output failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new OpenImException("Interrupted during rsync (" + what + ")");
        } finally {
            undo.close();
        }
    }
}
