package io.openim.maven.run;

import io.openim.maven.OpenImException;
import io.openim.maven.util.Console;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One dockerized build per checkout at a time: two builds would sync into, and build in, the
 * same data container. The lock file says who holds it so the refusal can name the holder.
 */
public final class BuildLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private BuildLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static BuildLock acquire(Path lockFile, String goal, boolean wait, Console console) {
        FileChannel channel = null;
        try {
            Files.createDirectories(lockFile.getParent());
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = Files.readString(lockFile, StandardCharsets.UTF_8).trim();
                if (!wait) {
                    throw new OpenImException("Another openim build of this checkout is running ("
                            + (holder.isEmpty() ? "holder unknown" : holder) + "; lock file " + lockFile + ")."
                            + " Wait for it to finish, or set 'waitForLock' (-Dopenim.wait.for.lock=true) to queue.");
                }
                console.info("Waiting for the running build to finish (" + holder + ")");
                lock = channel.lock();
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", goal " + goal + ", since "
                    + Instant.now()).getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new BuildLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new OpenImException("Cannot lock " + lockFile + ": " + e.getMessage()
                    + ". Check that the output directory ('outDir') is writable.", e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // Held by another goal of this same JVM (a parallel Maven build).
            return null;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // Closing the channel below releases it too.
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Nothing to add.
            }
        }
    }
}
