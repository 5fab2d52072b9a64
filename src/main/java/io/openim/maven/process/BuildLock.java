package io.openim.maven.process;

import io.openim.maven.OpenImException;
import io.openim.maven.setting.Setting;
import io.openim.maven.util.Console;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * One goal per checkout at a time: two would sync into, build in and archive from the same state.
 * The file lock keeps other JVMs out; a semaphore per lock file does the same for parallel goals
 * of this JVM (Maven -T), which a file lock cannot tell apart. The file says who holds it, so a
 * refusal can name the holder.
 */
public final class BuildLock implements AutoCloseable {

    /** The lock file's name in the output directory. */
    public static final String FILE_NAME = ".openim.lock";

    private static final Map<Path, Semaphore> IN_THIS_JVM = new ConcurrentHashMap<>();

    private final Semaphore local;
    private final FileChannel channel;
    private final FileLock lock;

    private BuildLock(Semaphore local, FileChannel channel, FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks the output directory, creating it; fails at once naming the holder, or waits when {@code wait}. */
    public static BuildLock acquire(OutputDirectory output, String goal, boolean wait, Console console) {
        Path lockFile = output.root().resolve(FILE_NAME);
        Semaphore local = IN_THIS_JVM.computeIfAbsent(lockFile.toAbsolutePath().normalize(), p -> new Semaphore(1));
        boolean localHeld = local.tryAcquire();
        FileChannel channel = null;
        try {
            if (!localHeld) {
                if (!wait) {
                    throw busy(lockFile, "another goal of this Maven run");
                }
                console.info("Waiting for another goal of this Maven run to release " + lockFile);
                local.acquire();
                localHeld = true;
            }
            output.recordFile(lockFile);
            channel = FileChannel.open(
                    lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String holder =
                        Files.readString(lockFile, StandardCharsets.UTF_8).trim();
                if (!wait) {
                    throw busy(lockFile, holder.isEmpty() ? "holder unknown" : holder);
                }
                console.info("Waiting for the running build to finish (" + holder + ")");
                lock = channel.lock();
            }
            channel.truncate(0);
            channel.write(
                    ByteBuffer.wrap(
                            ("pid " + ProcessHandle.current().pid() + ", goal " + goal + ", since " + Instant.now())
                                    .getBytes(StandardCharsets.UTF_8)),
                    0);
            channel.force(false);
            return new BuildLock(local, channel, lock);
        } catch (IOException e) {
            release(localHeld ? local : null, channel);
            throw new OpenImException(
                    "Cannot lock " + lockFile + ": " + e.getMessage() + ". Check that " + Setting.OUT_DIR.describe()
                            + " is writable.",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            release(localHeld ? local : null, channel);
            throw new OpenImException("Interrupted while waiting for " + lockFile);
        } catch (RuntimeException e) {
            release(localHeld ? local : null, channel);
            throw e;
        }
    }

    private static OpenImException busy(Path lockFile, String holder) {
        return new OpenImException("Another openim build of this checkout is running (" + holder + "; lock file "
                + lockFile + "). Wait for it to finish, or set " + Setting.WAIT_FOR_LOCK.describe("true")
                + " to queue.");
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // Closing the channel below releases it too.
        }
        release(local, channel);
    }

    private static void release(Semaphore local, FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Nothing to add.
            }
        }
        if (local != null) {
            local.release();
        }
    }
}
