package io.openim.maven.registry;

import io.openim.maven.OpenImException;
import io.openim.maven.oci.ArchiveReader;
import io.openim.maven.oci.Blob;
import io.openim.maven.oci.Descriptor;
import io.openim.maven.oci.MediaTypes;
import io.openim.maven.oci.OciIndex;
import io.openim.maven.oci.Platform;
import io.openim.maven.sbom.SpdxDocument;
import io.openim.maven.setting.Setting;
import io.openim.maven.util.Console;
import io.openim.maven.util.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Pushes exactly the images in the release archives, with their own manifests and configs (the
 * same digests), then one index per image listing every platform pushed. Order makes a failure
 * harmless: a manifest only after all its blobs, an index only after all its manifests; blobs
 * nobody refers to are invisible and expire.
 */
public final class PushService {

    /** What a pushed SBOM artifact says of when it was made: the image's own creation label. */
    private static final String CREATED = "org.opencontainers.image.created";

    private final Console console;
    private final Map<String, RegistryClient> clients = new ConcurrentHashMap<>();
    /** Where a blob is already, for mounting instead of uploading: digest -> registry/repository. */
    private final Map<String, String> blobHomes = new ConcurrentHashMap<>();

    public PushService(Console console) {
        this.console = console;
    }

    /** One pushed image or index, for the log. */
    public record Pushed(String reference, String digest, String what) {}

    public List<Pushed> push(PushRequest request) {
        List<Path> archives = findArchives(request);
        List<Archive> images = new ArrayList<>();
        for (Path file : archives) {
            images.add(check(request, file));
        }
        console.info("Pushing " + images.size() + " image(s) to " + request.registry());
        // The first alone: a wrong credential or address then fails once, not once per image.
        List<Pushed> pushed = new ArrayList<>(inParallel(request, images.subList(0, 1)));
        pushed.addAll(inParallel(request, images.subList(1, images.size())));
        Map<String, List<Archive>> byIndex = new TreeMap<>();
        images.forEach(image -> byIndex.computeIfAbsent(image.indexRepository(), k -> new ArrayList<>())
                .add(image));
        for (Map.Entry<String, List<Archive>> index : byIndex.entrySet()) {
            pushed.addAll(pushIndex(request, index.getValue()));
        }
        return pushed;
    }

    /** An archive to push, as checked: its references and where its index goes. */
    private record Archive(
            Path file,
            ImageReference main,
            List<ImageReference> tags,
            Platform platform,
            String manifestDigest,
            String indexRepository,
            Path sbom) {}

    private static List<Path> findArchives(PushRequest request) {
        Path root = request.releaseDirectory();
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> walk = Files.walk(root, 2)) {
                walk.filter(Files::isRegularFile)
                        .filter(file -> file.getParent().getParent().equals(root))
                        .filter(file -> file.getFileName().toString().endsWith(".tar")
                                || file.getFileName().toString().endsWith(".tar.gz"))
                        .filter(file -> !file.getFileName().toString().startsWith("."))
                        .filter(file ->
                                request.images().isEmpty() || request.images().contains(nameOf(file)))
                        .filter(file -> request.platforms().isEmpty()
                                || request.platforms().stream()
                                        .anyMatch(p -> p.archTag()
                                                .equals(file.getParent()
                                                        .getFileName()
                                                        .toString())))
                        .sorted()
                        .forEach(found::add);
            } catch (IOException e) {
                throw new OpenImException("Cannot list " + root + ": " + e.getMessage(), e);
            }
        }
        if (found.isEmpty()) {
            throw new OpenImException("No release archives to push in " + root
                    + (request.images().isEmpty() ? "" : " for " + request.images())
                    + ". Make them with openim:image first (mvn deploy runs it in the package phase).");
        }
        return found;
    }

    private static String nameOf(Path archive) {
        return archive.getFileName().toString().replaceFirst("\\.tar(\\.gz)?$", "");
    }

    /** Reads the archive's references and checks they are the ones this push is configured for. */
    private static Archive check(PushRequest request, Path file) {
        try (ArchiveReader reader = ArchiveReader.open(file)) {
            String expected = request.registry() + "/" + nameOf(file) + "-"
                    + reader.platform().archTag() + ":" + request.tag();
            if (!reader.references().contains(expected)) {
                throw new OpenImException("The archive " + file + " holds " + reader.references() + ", not " + expected
                        + ": it was made with other settings. Make the archives again with the same "
                        + Setting.IMAGE_REGISTRY.describe() + " and " + Setting.IMAGE_TAG.describe()
                        + " (mvn deploy does both in one run).");
            }
            ImageReference main = ImageReference.parse(expected);
            List<ImageReference> tags = new ArrayList<>();
            tags.add(main);
            for (String extra : request.extraTags()) {
                tags.add(main.withTag(extra));
            }
            String suffix = "-" + reader.platform().archTag();
            String repository = main.repository();
            String index = repository.endsWith(suffix)
                    ? repository.substring(0, repository.length() - suffix.length())
                    : repository;
            Path sbom = file.resolveSibling(nameOf(file) + SpdxDocument.FILE_SUFFIX);
            if (Files.isRegularFile(sbom)) {
                String described;
                try {
                    described = SpdxDocument.describedManifest(Files.readAllBytes(sbom));
                } catch (IOException e) {
                    throw new OpenImException("Cannot read the SBOM " + sbom + ": " + e.getMessage(), e);
                }
                if (!reader.manifest().digest().equals(described)) {
                    throw new OpenImException("The SBOM " + sbom + " describes another image than the archive " + file
                            + " holds: they were made by different runs. Make both again with openim:image (mvn"
                            + " package).");
                }
            } else {
                sbom = null;
            }
            return new Archive(
                    file, main, tags, reader.platform(), reader.manifest().digest(), index, sbom);
        }
    }

    private List<Pushed> inParallel(PushRequest request, List<Archive> images) {
        if (images.isEmpty()) {
            return List.of();
        }
        ExecutorService pool =
                Executors.newFixedThreadPool(Math.max(1, Math.min(request.threads(), images.size())), runnable -> {
                    Thread thread = new Thread(runnable, "openim-push");
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            List<Future<Pushed>> futures = new ArrayList<>();
            for (Archive image : images) {
                futures.add(pool.submit(() -> pushImage(request, image)));
            }
            List<Pushed> pushed = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            RuntimeException first = null;
            for (Future<Pushed> future : futures) {
                try {
                    pushed.add(future.get());
                } catch (ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException runtime
                            ? runtime
                            : new OpenImException(String.valueOf(e.getCause()), e.getCause());
                    if (!failures.contains(cause.getMessage())) {
                        failures.add(cause.getMessage());
                    }
                    first = first == null ? cause : first;
                }
            }
            if (first != null) {
                throw new OpenImException(String.join("\n", failures) + "\nNo index was pushed.", first);
            }
            return pushed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpenImException("Interrupted while pushing");
        } finally {
            pool.shutdownNow();
        }
    }

    private Pushed pushImage(PushRequest request, Archive image) {
        RegistryClient client = client(request, image.main());
        String repository = image.main().repository();
        try (ArchiveReader reader = ArchiveReader.open(image.file())) {
            long total = reader.layers().stream().mapToLong(Blob::size).sum();
            Progress progress = new Progress(console, "Pushing " + image.main(), total);
            ensureBlob(
                    client, image.main(), reader.config(), () -> reader.config().open());
            reader.forEachLayer(
                    (layer, content) -> ensureBlob(client, image.main(), layer, () -> progress.counting(content)));
            for (ImageReference tag : image.tags()) {
                client.putManifest(
                        repository,
                        tag.tag(),
                        MediaTypes.MANIFEST,
                        reader.manifest().content());
            }
            console.info("Pushed " + image.main() + " (" + image.platform() + ") "
                    + reader.manifest().digest());
            attachSbom(client, image.main(), repository, image, reader);
            return new Pushed(
                    image.main().toString(),
                    reader.manifest().digest(),
                    image.platform().toString());
        } catch (PushException e) {
            throw new PushException("Pushing " + image.main() + " failed: " + e.getMessage(), e.reason(), e);
        }
    }

    /** Opens a blob's content when it has to be sent. */
    @FunctionalInterface
    private interface Content {
        InputStream open() throws IOException;
    }

    private void ensureBlob(RegistryClient client, ImageReference image, Blob blob, Content content) {
        String repository = image.repository();
        String home = image.registry() + "/" + repository;
        if (client.hasBlob(repository, blob.digest())) {
            blobHomes.putIfAbsent(blob.digest(), home);
            return;
        }
        String other = blobHomes.get(blob.digest());
        if (other != null
                && other.startsWith(image.registry() + "/")
                && !other.equals(home)
                && client.mountBlob(
                        repository,
                        blob.digest(),
                        other.substring(image.registry().length() + 1))) {
            return;
        }
        try (InputStream in = content.open()) {
            client.uploadBlob(repository, blob.digest(), blob.size(), in);
        } catch (IOException e) {
            throw new OpenImException("Cannot read a blob to push for " + image + ": " + e.getMessage(), e);
        }
        blobHomes.putIfAbsent(blob.digest(), home);
    }

    /** The index of one image: every platform's manifest in the index repository, then the index. */
    private List<Pushed> pushIndex(PushRequest request, List<Archive> platforms) {
        platforms.sort(Comparator.comparing(Archive::platform));
        ImageReference index =
                platforms.get(0).main().inRepository(platforms.get(0).indexRepository());
        RegistryClient client = client(request, index);
        List<Descriptor> entries = new ArrayList<>();
        Map<String, String> shared = null;
        for (Archive image : platforms) {
            try (ArchiveReader reader = ArchiveReader.open(image.file())) {
                // The index's repository must hold each manifest and its blobs: mounted, not sent again.
                ensureBlob(client, index, reader.config(), () -> reader.config().open());
                reader.forEachLayer((layer, content) -> ensureBlob(client, index, layer, () -> content));
                client.putManifest(
                        index.repository(),
                        reader.manifest().digest(),
                        MediaTypes.MANIFEST,
                        reader.manifest().content());
                attachSbom(client, index, index.repository(), image, reader);
                entries.add(Descriptor.of(reader.manifest()).withPlatform(image.platform()));
                Map<String, String> own = reader.annotations();
                if (shared == null) {
                    shared = new TreeMap<>(own);
                } else {
                    shared.entrySet().removeIf(entry -> !entry.getValue().equals(own.get(entry.getKey())));
                }
            }
        }
        // The index says what every platform's manifest says alike (not each one's base).
        Blob indexBlob = OciIndex.of(entries, shared == null ? Map.of() : shared);
        Set<String> tags = new LinkedHashSet<>();
        platforms.forEach(image -> image.tags().forEach(tag -> tags.add(tag.tag())));
        List<Pushed> pushed = new ArrayList<>();
        for (String tag : tags) {
            client.putManifest(index.repository(), tag, MediaTypes.INDEX, indexBlob.content());
            pushed.add(new Pushed(index.withTag(tag).toString(), indexBlob.digest(), "index"));
        }
        console.info("Pushed the index " + index + " of "
                + platforms.stream().map(a -> a.platform().toString()).toList() + " " + indexBlob.digest());
        return pushed;
    }

    /** The image's SBOM as an artifact referring to its manifest in {@code repository}, when it has one. */
    private void attachSbom(
            RegistryClient client, ImageReference image, String repository, Archive archive, ArchiveReader reader) {
        if (archive.sbom() == null) {
            return;
        }
        byte[] document;
        try {
            document = Files.readAllBytes(archive.sbom());
        } catch (IOException e) {
            throw new OpenImException("Cannot read the SBOM " + archive.sbom() + ": " + e.getMessage(), e);
        }
        Map<String, String> annotations = new TreeMap<>();
        String created = reader.labels().get(CREATED);
        if (created != null) {
            annotations.put(CREATED, created);
        }
        SbomReferrers.Attached attached = SbomReferrers.attach(
                client,
                repository,
                reader.manifest(),
                document,
                archive.sbom().getFileName().toString(),
                annotations);
        console.info("Pushed the SBOM of " + image.registry() + "/" + repository + "@"
                + reader.manifest().digest()
                + " " + attached.digest()
                + (switch (attached.listing()) {
                    case API -> ", listed by the registry's referrers API";
                    case FALLBACK_ADDED -> ", listed in the fallback index " + attached.fallbackTag();
                    case FALLBACK_PRESENT -> ", already listed in the fallback index " + attached.fallbackTag();
                }));
    }

    private RegistryClient client(PushRequest request, ImageReference reference) {
        return clients.computeIfAbsent(
                reference.registry(),
                registry -> new RegistryClient(
                        registry,
                        reference.apiHost(),
                        plainHttp(request, registry),
                        request.credentials().forRegistry(registry).orElse(null)));
    }

    /** Plain HTTP only for a registry on this machine's loopback, or one the user listed. */
    static boolean plainHttp(PushRequest request, String registry) {
        if (request.insecureRegistries().contains(registry)) {
            return true;
        }
        String host = registry.replaceFirst(":\\d+$", "").replaceAll("^\\[|]$", "");
        if (request.insecureRegistries().contains(host)) {
            return true;
        }
        if (host.equals("localhost")) {
            return true;
        }
        try {
            return host.matches("[0-9.]+|[0-9a-fA-F:]+")
                    && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
