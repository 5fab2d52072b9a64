package io.openim.maven.cache;

import io.openim.maven.buildimage.BuildImageRequest;
import io.openim.maven.containers.DataContainer;
import io.openim.maven.docker.DockerEngine;
import io.openim.maven.docker.EngineException;
import io.openim.maven.naming.BuildIdentity;
import io.openim.maven.pipeline.BuildImageStep;
import io.openim.maven.process.BuildUser;
import io.openim.maven.process.HostUser;
import io.openim.maven.process.OutputDirectory;
import io.openim.maven.process.ShutdownCleanup;
import io.openim.maven.util.Console;
import io.openim.maven.util.Progress;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * {@code openim:cache-restore}: fills a fresh data container's cache volumes from the archives in
 * {@code cacheDir} before its first run, so the first build on a new machine (a CI runner) finds
 * warm Go caches. An archive made for another build image or cross image, or one that is damaged
 * or cut short, is named in one line and skipped: that volume starts empty and the build is cold
 * and correct. Nothing half-unpacked is ever kept; a data container that exists already keeps its
 * own caches.
 */
public final class CacheRestorer {

    private final DockerEngine engine;
    private final Console console;
    private final ShutdownCleanup cleanup;
    private final OutputDirectory output;

    public CacheRestorer(DockerEngine engine, Console console, ShutdownCleanup cleanup, OutputDirectory output) {
        this.engine = engine;
        this.console = console;
        this.cleanup = cleanup;
        this.output = output;
    }

    /** An archive that fits this build. */
    private record Usable(String volume, Path file) {}

    /**
     * Thrown from the filler when an archive turns out damaged on the way into the engine, or the
     * engine would not unpack it: either way that volume starts empty.
     */
    private static final class Damaged extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient Usable archive;

        Damaged(Usable archive, String what, Throwable cause) {
            super(what, cause);
            this.archive = archive;
        }
    }

    public void restore(
            CacheRequest request, BuildImageRequest image, DataContainer.Layout layout, BuildUser configuredUser) {
        List<Usable> usable = usableArchives(request);
        if (usable.isEmpty()) {
            console.info("No cache archive to restore in " + request.directory() + ": the build starts with empty"
                    + " caches");
            return;
        }
        BuildImageStep.run(engine, image, console, output);
        BuildIdentity identity = request.identity();
        BuildUser user = BuildUser.choose(configuredUser, HostUser.current(), engine::rootless);
        DataContainer dataContainer = new DataContainer(engine, console);
        while (true) {
            Fill fill = new Fill(usable, identity, layout);
            boolean created;
            try {
                created = dataContainer.ensure(identity, identity.buildImage(), layout, user, fill::into);
            } catch (RuntimeException e) {
                if (fill.registration != null) {
                    // The container is gone (ensure removed it); what the volumes got so far goes too.
                    removeVolumes(identity, layout);
                    fill.registration.close();
                }
                if (e instanceof Damaged damaged) {
                    console.warn("Skipped the cache archive " + damaged.archive.file() + ": "
                            + damaged.getMessage() + "; " + damaged.archive.volume()
                            + " starts empty and the build runs cold.");
                    usable = new ArrayList<>(usable);
                    usable.remove(damaged.archive);
                    if (usable.isEmpty()) {
                        return;
                    }
                    continue;
                }
                throw e;
            }
            if (fill.registration != null) {
                fill.registration.close();
            }
            if (!created) {
                console.info("The data container " + identity.dataContainer() + " exists already: its caches are"
                        + " kept and nothing is restored");
            }
            return;
        }
    }

    /** The archives that fit this build, one line for each one that does not. */
    private List<Usable> usableArchives(CacheRequest request) {
        List<Usable> usable = new ArrayList<>();
        for (String volume : request.volumes()) {
            Path file = request.archive(volume);
            if (!Files.isRegularFile(file)) {
                console.info("No cache archive for " + volume + " in " + request.directory() + " (" + file.getFileName()
                        + "): it starts empty");
                continue;
            }
            CacheArchive.Header header;
            try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
                header = CacheArchive.readHeader(in);
            } catch (IOException e) {
                console.warn("Skipped the cache archive " + file + ": it is damaged or truncated (" + reason(e) + "); "
                        + volume + " starts empty and the build runs cold.");
                continue;
            }
            if (!header.volume().equals(volume) || header.format() != CacheArchive.FORMAT) {
                console.warn("Skipped the cache archive " + file + ": it holds " + header.volume() + " in format "
                        + header.format() + ", not " + volume + " in format " + CacheArchive.FORMAT + "; " + volume
                        + " starts empty.");
                continue;
            }
            if (!header.madeFor().equals(request.madeFor())) {
                console.warn("Skipped the cache archive " + file + ": it was made for "
                        + header.madeFor().describe() + ", and this build uses "
                        + request.madeFor().describe() + "; " + volume + " starts empty.");
                continue;
            }
            usable.add(new Usable(volume, file));
        }
        return usable;
    }

    /** One attempt at filling a new data container with every usable archive. */
    private final class Fill {
        private final List<Usable> archives;
        private final BuildIdentity identity;
        private final DataContainer.Layout layout;
        ShutdownCleanup.Registration registration;

        Fill(List<Usable> archives, BuildIdentity identity, DataContainer.Layout layout) {
            this.archives = archives;
            this.identity = identity;
            this.layout = layout;
        }

        void into(String containerId) {
            // A Ctrl-C while the volumes fill leaves no half-filled caches for the next build.
            registration =
                    cleanup.register("the data container " + identity.dataContainer() + " and its volumes", () -> {
                        engine.removeContainer(containerId);
                        removeVolumes(identity, layout);
                    });
            for (Usable archive : archives) {
                unpack(containerId, archive);
            }
        }

        private void unpack(String containerId, Usable archive) {
            long start = System.nanoTime();
            long size;
            Watched content = null;
            try (InputStream file = Files.newInputStream(archive.file());
                    GZIPInputStream gzip = new GZIPInputStream(
                            new BufferedInputStream(
                                    new Progress(console, "Restoring " + archive.volume(), Files.size(archive.file()))
                                            .counting(file),
                                    1 << 16),
                            1 << 16)) {
                size = Files.size(archive.file());
                content = new Watched(gzip);
                CacheArchive.readHeader(content);
                console.info(String.format(
                        Locale.ROOT,
                        "Restoring %s from %s (%.1f MB)",
                        archive.volume(),
                        archive.file().getFileName(),
                        size / 1e6));
                engine.copyToContainer(containerId, CacheArchive.parentOf(archive.volume()), content);
                // The engine may stop reading at the tar's end; the gzip trailer is checked all the same.
                content.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new Damaged(archive, "it is damaged or truncated (" + reason(e) + ")", e);
            } catch (RuntimeException e) {
                if (content != null && content.failure != null) {
                    throw new Damaged(
                            archive, "it is damaged or truncated (" + reason(content.failure) + ")", content.failure);
                }
                if (e instanceof EngineException refused && !engineGone(refused)) {
                    // What it holds is not for this engine (or no room for it): a cold volume still builds.
                    throw new Damaged(archive, "the engine would not unpack it (" + refused.getMessage() + ")", e);
                }
                throw e;
            }
            console.info(String.format(
                    Locale.ROOT,
                    "Restored %s from %s (%.1f MB) in %.1f s",
                    archive.volume(),
                    archive.file().getFileName(),
                    size / 1e6,
                    (System.nanoTime() - start) / 1e9));
        }
    }

    /** A lost, silent or impostor engine fails the goal; a refusal of this archive only skips it. */
    private static boolean engineGone(EngineException e) {
        return switch (e.reason()) {
            case CONNECTION_LOST, NO_ANSWER, BAD_ANSWER -> true;
            default -> false;
        };
    }

    private void removeVolumes(BuildIdentity identity, DataContainer.Layout layout) {
        // The source root and every cache volume: the data container's volumes, by index.
        for (int i = 0; i <= layout.cacheVolumes().size(); i++) {
            try {
                engine.removeVolume(identity.dataVolume(i));
            } catch (RuntimeException e) {
                console.warn("Could not remove the volume " + identity.dataVolume(i) + " (" + e.getMessage()
                        + "); remove it with `docker volume rm " + identity.dataVolume(i) + "` before the next"
                        + " build.");
            }
        }
    }

    private static String reason(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * Remembers a failure of the archive itself, so it is not mistaken for the engine's; an engine
     * that closes what it was given leaves it open, so the rest can still be checked.
     */
    private static final class Watched extends FilterInputStream {
        IOException failure;

        Watched(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // The caller closes the archive.
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }
    }
}
