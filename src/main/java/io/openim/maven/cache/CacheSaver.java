package io.openim.maven.cache;

import io.openim.maven.OpenImException;
import io.openim.maven.docker.ContainerInfo;
import io.openim.maven.docker.DockerEngine;
import io.openim.maven.process.ShutdownCleanup;
import io.openim.maven.setting.Setting;
import io.openim.maven.util.Console;
import io.openim.maven.util.ParallelGzipOutputStream;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import org.apache.commons.io.output.CountingOutputStream;

/**
 * {@code openim:cache-save}: each cache volume of the checkout's data container, streamed from the
 * engine into {@code cacheDir} as one compressed archive per volume. An archive is written under a
 * temporary name and moved over the old one only when complete, so a reader (the next restore, a
 * CI cache upload) never sees half of one; memory stays at the compressor's blocks in flight.
 */
public final class CacheSaver {

    private final DockerEngine engine;
    private final Console console;
    private final ShutdownCleanup cleanup;

    public CacheSaver(DockerEngine engine, Console console, ShutdownCleanup cleanup) {
        this.engine = engine;
        this.console = console;
        this.cleanup = cleanup;
    }

    public void save(CacheRequest request) {
        String name = request.identity().dataContainer();
        ContainerInfo container = engine.inspectContainer(name)
                .orElseThrow(() -> new OpenImException("openim:cache-save found no data container " + name
                        + " for this checkout, so there are no caches to save. Run it after a build in the same"
                        + " checkout, e.g. mvn openim:cache-restore verify openim:cache-save."));
        for (String volume : request.volumes()) {
            refuseForeignFile(request.archive(volume));
        }
        try {
            Files.createDirectories(request.directory());
        } catch (IOException e) {
            throw new OpenImException("Cannot create " + Setting.CACHE_DIR.describe() + " " + request.directory() + ": "
                    + e.getMessage() + ". Point it at a directory this user may write.");
        }
        for (String volume : request.volumes()) {
            saveVolume(container.id(), volume, request);
        }
    }

    /** The plugin replaces only its own archives: a file of that name that is not gzip is the user's. */
    private static void refuseForeignFile(Path archive) {
        if (!Files.exists(archive)) {
            return;
        }
        try (InputStream in = Files.newInputStream(archive)) {
            byte[] magic = in.readNBytes(2);
            if (magic.length == 0 || magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
                return;
            }
        } catch (IOException e) {
            // Unreadable: not ours to replace either.
        }
        throw new OpenImException(archive + " is not a cache archive of the plugin, so openim:cache-save does not"
                + " replace it. Move it away, or point " + Setting.CACHE_DIR.describe() + " at a directory of its"
                + " own.");
    }

    private void saveVolume(String containerId, String volume, CacheRequest request) {
        Path target = request.archive(volume);
        console.info("Saving " + volume + " of the data container to " + target);
        long start = System.nanoTime();
        Path partial;
        try {
            partial = Files.createTempFile(request.directory(), "." + target.getFileName() + ".", ".partial");
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
        long volumeBytes;
        long archiveBytes;
        try (ShutdownCleanup.Registration undo =
                cleanup.register("the partial cache archive " + partial, () -> deleteQuietly(partial))) {
            try (FileOutputStream file = new FileOutputStream(partial.toFile());
                    CountingOutputStream compressed =
                            new CountingOutputStream(new BufferedOutputStream(file, 1 << 16));
                    ParallelGzipOutputStream gzip = new ParallelGzipOutputStream(compressed);
                    CountingOutputStream plain = new CountingOutputStream(gzip)) {
                CacheArchive.writeHeader(
                        plain, new CacheArchive.Header(CacheArchive.FORMAT, volume, request.madeFor()));
                engine.copyFromContainer(containerId, volume, plain);
                plain.flush();
                gzip.finish();
                compressed.flush();
                // On disk before it takes the real name: a crash leaves the old archive or the new one.
                file.getChannel().force(true);
                volumeBytes = plain.getByteCount();
                archiveBytes = compressed.getByteCount();
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw cannotWrite(target, e);
        } catch (UncheckedIOException e) {
            deleteQuietly(partial);
            throw cannotWrite(target, e.getCause());
        } catch (RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
        console.info(String.format(
                Locale.ROOT,
                "Saved %s: %.1f MB in the volume, %.1f MB archived, in %.1f s",
                volume,
                volumeBytes / 1e6,
                archiveBytes / 1e6,
                (System.nanoTime() - start) / 1e9));
    }

    private static OpenImException cannotWrite(Path target, IOException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (reason.contains("No space left") || reason.contains("Disk quota")) {
            reason = "No space left on device";
        }
        return new OpenImException("Cannot write the cache archive " + target + ": " + reason
                + ". Free disk space or point " + Setting.CACHE_DIR.describe() + " at another directory;"
                + " the archive there before is unchanged.");
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // Best effort: a stale .partial is never read.
        }
    }
}
