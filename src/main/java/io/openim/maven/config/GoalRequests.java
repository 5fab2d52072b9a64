package io.openim.maven.config;

import io.openim.maven.OpenImException;
import io.openim.maven.buildimage.BuildImageRequest;
import io.openim.maven.cache.CacheArchive;
import io.openim.maven.cache.CacheRequest;
import io.openim.maven.containers.DataContainer;
import io.openim.maven.containers.SyncTransport;
import io.openim.maven.docker.EngineRequest;
import io.openim.maven.naming.BuildIdentity;
import io.openim.maven.naming.BuildImageVersion;
import io.openim.maven.naming.CheckoutInfo;
import io.openim.maven.naming.Role;
import io.openim.maven.oci.Platform;
import io.openim.maven.pipeline.BuildPlan;
import io.openim.maven.process.BuildUser;
import io.openim.maven.registry.CredentialResolver;
import io.openim.maven.registry.PushRequest;
import io.openim.maven.registry.RegistryCredential;
import io.openim.maven.release.ImageMetadata;
import io.openim.maven.release.ReleaseRequest;
import io.openim.maven.sbom.SpdxLicenses;
import io.openim.maven.setting.Setting;
import io.openim.maven.sync.RsyncClient;
import io.openim.maven.util.TextInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.codehaus.plexus.util.SelectorUtils;

/**
 * Turns one goal's settings into the typed requests the services take. Every value is checked
 * here, so a goal that assembles its requests before it locks or calls the engine refuses bad
 * input before any side effect. No service sees a setting.
 */
public final class GoalRequests {

    private final GoalSettings settings;
    private final Path tempDirectory;
    private BuildIdentity identity;
    private Path outDir;

    public GoalRequests(GoalSettings settings, Path tempDirectory) {
        this.settings = settings;
        this.tempDirectory = tempDirectory;
    }

    public GoalSettings settings() {
        return settings;
    }

    public Path projectRoot() {
        return settings.project().basedir();
    }

    public boolean skip() {
        return settings.bool(Setting.SKIP);
    }

    public boolean verbose() {
        return settings.bool(Setting.VERBOSE);
    }

    public boolean waitForLock() {
        return settings.bool(Setting.WAIT_FOR_LOCK);
    }

    /** The output directory, checked: see {@link #placeToWrite}. */
    public synchronized Path outDir() {
        if (outDir == null) {
            outDir = placeToWrite(Setting.OUT_DIR, settings.path(Setting.OUT_DIR));
        }
        return outDir;
    }

    /**
     * A directory the plugin writes in, and clean deletes in: inside the checkout and reached without
     * a symbolic link, unless {@code allowExternalOutDir} says otherwise; never the checkout itself
     * or a directory that holds it.
     */
    private Path placeToWrite(Setting setting, Path path) {
        Path root = projectRoot();
        String value = settings.string(setting);
        if (root.startsWith(path)) {
            throw new OpenImException("Setting " + setting.describe() + " is '" + value + "', which is "
                    + (path.equals(root) ? "the checkout itself" : "a directory holding the checkout") + " ("
                    + path + "): the plugin writes and deletes there. Use a directory of its own inside the"
                    + " checkout (default _output).");
        }
        boolean allowed = settings.bool(Setting.ALLOW_EXTERNAL_OUT_DIR);
        if (!path.startsWith(root)) {
            if (!allowed) {
                throw new OpenImException("Setting " + setting.describe() + " is '" + value + "', which is outside"
                        + " the checkout " + root + ": the plugin writes and deletes there, so it must be inside"
                        + " (default _output). To use " + path + " on purpose, set "
                        + Setting.ALLOW_EXTERNAL_OUT_DIR.describe("true") + ".");
            }
            return path;
        }
        Path link = firstSymbolicLink(root, path);
        if (link != null && !allowed) {
            throw new OpenImException("Setting " + setting.describe() + " is '" + value + "', and " + link
                    + " on the way there is a symbolic link (to " + linkTarget(link) + "): what the plugin writes"
                    + " and deletes would land outside the checkout. Replace the link with a directory, or set "
                    + Setting.ALLOW_EXTERNAL_OUT_DIR.describe("true") + " to write through it on purpose.");
        }
        return path;
    }

    private static Path firstSymbolicLink(Path root, Path path) {
        Path current = root;
        for (Path part : root.relativize(path)) {
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                return current;
            }
        }
        return null;
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "?";
        }
    }

    public EngineRequest engineRequest(Path userHome) {
        // Relative to the project like every path setting; "~/" is the user's home, as for the CLI.
        String certPath = settings.string(Setting.DOCKER_CERT_PATH);
        if (certPath != null && !certPath.startsWith("~/")) {
            certPath = settings.path(Setting.DOCKER_CERT_PATH).toString();
        }
        return new EngineRequest(
                settings.string(Setting.DOCKER_HOST),
                settings.optionalBool(Setting.DOCKER_TLS_VERIFY),
                certPath,
                settings.environment(),
                userHome,
                Duration.ofSeconds(settings.integer(Setting.ENGINE_TIMEOUT)));
    }

    /** The checkout's hash: what clean needs, without the build image settings. */
    public String checkoutHash() {
        return CheckoutInfo.hashOf(projectRoot());
    }

    public synchronized BuildIdentity identity() {
        if (identity == null) {
            String version = BuildImageVersion.resolve(settings.string(Setting.BUILD_IMAGE_VERSION), dockerfile());
            identity = new BuildIdentity(
                    checkoutHash(), version, settings.project().coordinates());
        }
        return identity;
    }

    private Path dockerfile() {
        return settings.path(Setting.DOCKERFILE);
    }

    public BuildImageRequest buildImageRequest() {
        Path context = settings.path(Setting.CONTEXT_DIRECTORY);
        context = context == null
                ? outDir().resolve("images/build-image")
                : placeToWrite(Setting.CONTEXT_DIRECTORY, context);
        List<Path> files = new ArrayList<>();
        for (String file : settings.list(Setting.CONTEXT_FILES)) {
            files.add(projectRoot().resolve(file).normalize());
        }
        return new BuildImageRequest(
                identity(),
                dockerfile(),
                files,
                context,
                settings.string(Setting.CROSS_IMAGE),
                settings.string(Setting.CROSS_VERSION),
                settings.map(Setting.BUILD_ARGS),
                settings.bool(Setting.PULL_BASE_IMAGE));
    }

    /**
     * What {@code openim:cache-save} and {@code openim:cache-restore} need. {@code cacheDir} has no
     * default, and it may not lie in the checkout outside {@code outDir}: every sync would carry its
     * archives into the container.
     */
    public CacheRequest cacheRequest() {
        String configured = settings.string(Setting.CACHE_DIR);
        if (configured == null) {
            throw new OpenImException("openim:" + settings.goal().goalName() + " needs "
                    + Setting.CACHE_DIR.describe("$HOME/.cache/openim") + ": the directory that keeps the cache"
                    + " archives from one run to the next (on CI, the path actions/cache keeps). It has no default.");
        }
        Path directory = settings.path(Setting.CACHE_DIR);
        Path root = projectRoot();
        if (directory.startsWith(root) && !directory.startsWith(outDir())) {
            throw new OpenImException("Setting " + Setting.CACHE_DIR.describe() + " is '" + configured + "', inside the"
                    + " checkout: every sync would carry its archives into the build container. Use a directory"
                    + " outside the checkout, e.g. $HOME/.cache/openim, or one below " + Setting.OUT_DIR.describe()
                    + ".");
        }
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new OpenImException("Setting " + Setting.CACHE_DIR.describe() + " is '" + configured + "', which is"
                    + " a file. Point it at a directory (it is created when missing).");
        }
        String crossImage = settings.string(Setting.CROSS_IMAGE);
        String crossVersion = settings.string(Setting.CROSS_VERSION);
        return new CacheRequest(
                identity(),
                directory,
                cacheVolumes(),
                new CacheArchive.MadeFor(identity().version(), crossImage, crossVersion));
    }

    /** The data container's volumes, for the goals that create it outside a {@link BuildPlan}. */
    public DataContainer.Layout dataContainerLayout() {
        return new DataContainer.Layout(remoteRoot(), cacheVolumes());
    }

    /** What the container goals need; {@link #buildImageRequest()} comes first in every one of them. */
    public BuildPlan buildPlan() {
        String outputSubpath = outputSubpath();
        List<String> excludes = new ArrayList<>(settings.list(Setting.SYNC_EXCLUDES));
        Path root = projectRoot();
        Path outDir = outDir();
        if (outDir.startsWith(root) && !outDir.equals(root)) {
            // A relocated output directory must not travel or be deleted remotely either.
            excludes.add(anchored(root.relativize(outDir).toString()));
        }
        // Results live only in the container until copied out: never sent in or deleted there.
        excludes.add(anchored(outputSubpath));
        Integer port = settings.integer(Setting.RSYNC_PORT);
        Integer compress = settings.integer(Setting.RSYNC_COMPRESS);
        RsyncClient.SyncInOptions syncIn = new RsyncClient.SyncInOptions(
                root, List.copyOf(excludes), settings.bool(Setting.SYNC_GIT), compress == null ? 0 : compress);
        boolean commands = Setting.BUILD_NETWORK.goals().contains(settings.goal());
        return new BuildPlan(
                identity(),
                new DataContainer.Layout(remoteRoot(), cacheVolumes()),
                settings.string(Setting.RSYNC_IMAGE),
                port == null ? 0 : port,
                syncTransport(port),
                syncIn,
                buildUser(),
                commands ? settings.string(Setting.BUILD_NETWORK) : null,
                commands ? buildEnvironment() : Map.of(),
                outputSubpath,
                commands && settings.bool(Setting.COPY_OUTPUT),
                tempDirectory);
    }

    /** The {@code buildUser} setting, parsed; null when unset (the host user or root decides later). */
    public BuildUser buildUser() {
        String configured = settings.string(Setting.BUILD_USER);
        if (configured == null) {
            return null;
        }
        try {
            return BuildUser.parse(configured);
        } catch (IllegalArgumentException e) {
            throw new OpenImException("Setting " + Setting.BUILD_USER.describe() + " is '" + configured + "': "
                    + e.getMessage() + ". Use uid:gid numbers, e.g. 1000:1000, or a user (and group) the build"
                    + " image defines, e.g. builder:builder.");
        }
    }

    private SyncTransport syncTransport(Integer port) {
        SyncTransport transport =
                SyncTransport.valueOf(settings.choice(Setting.SYNC_TRANSPORT).toUpperCase(java.util.Locale.ROOT));
        if ((transport == SyncTransport.STREAM || transport == SyncTransport.BIND) && port != null && port != 0) {
            throw new OpenImException(Setting.RSYNC_PORT.describe() + " is set, but "
                    + Setting.SYNC_TRANSPORT.describe()
                    + " is " + transport.name().toLowerCase(java.util.Locale.ROOT) + ", which publishes no port."
                    + " Unset one of them.");
        }
        return transport;
    }

    private static String anchored(String relative) {
        // No trailing slash: a file or a symbolic link of that name stays out too.
        return "/" + relative.replace('\\', '/');
    }

    String remoteRoot() {
        String root = settings.string(Setting.REMOTE_ROOT);
        if (!root.startsWith("/")) {
            throw new OpenImException("Setting " + Setting.REMOTE_ROOT.describe() + " must be an absolute path inside"
                    + " the container, not '" + root + "'.");
        }
        return root.length() > 1 && root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    }

    List<String> cacheVolumes() {
        List<String> volumes = settings.list(Setting.CACHE_VOLUMES);
        for (String volume : volumes) {
            if (!volume.startsWith("/")) {
                throw new OpenImException("Each entry of " + Setting.CACHE_VOLUMES.describe() + " must be an absolute"
                        + " container path; '" + volume + "' is not.");
            }
        }
        return volumes;
    }

    /**
     * The build container's environment: host variables named in {@code passEnv} (wildcards '*' and
     * '?') that are set, then the configured {@code env} map on top.
     */
    Map<String, String> buildEnvironment() {
        Map<String, String> result = new TreeMap<>();
        List<String> names = settings.list(Setting.PASS_ENV);
        for (Map.Entry<String, String> variable : settings.environment().entrySet()) {
            for (String name : names) {
                if (SelectorUtils.match(name, variable.getKey(), true)) {
                    result.put(variable.getKey(), variable.getValue());
                }
            }
        }
        result.putAll(settings.map(Setting.ENV));
        return result;
    }

    /** The command of {@code openim:run}; required. */
    public String command() {
        String command = settings.string(Setting.COMMAND);
        if (command == null) {
            throw new OpenImException("openim:run needs a command: pass -D" + Setting.COMMAND.property()
                    + "=\"make test\" or configure <" + Setting.COMMAND.parameter() + "> in the POM.");
        }
        return command;
    }

    public String buildCommand() {
        return settings.string(Setting.BUILD_COMMAND);
    }

    /** The output sub-path, relative, '/'-separated, without leading or trailing slash. */
    public String outputSubpath() {
        String configured = settings.string(Setting.OUTPUT_SUBPATH);
        String subpath = configured.replace('\\', '/').replaceAll("^/+|/+$", "");
        if (subpath.isEmpty() || List.of(subpath.split("/")).contains("..")) {
            throw new OpenImException("Setting " + Setting.OUTPUT_SUBPATH.describe() + " must be a relative path"
                    + " inside the checkout such as _output/dockerized, not '" + configured + "'.");
        }
        Path link = firstSymbolicLink(projectRoot(), projectRoot().resolve(subpath));
        if (link != null && !settings.bool(Setting.ALLOW_EXTERNAL_OUT_DIR)) {
            throw new OpenImException("Setting " + Setting.OUTPUT_SUBPATH.describe() + " is '" + configured + "',"
                    + " and " + link + " on the way there is a symbolic link (to " + linkTarget(link) + "): results"
                    + " copied out would land outside the checkout. Replace the link with a directory, or set "
                    + Setting.ALLOW_EXTERNAL_OUT_DIR.describe("true") + " to write through it on purpose.");
        }
        return subpath;
    }

    public boolean attach() {
        return settings.bool(Setting.ATTACH);
    }

    /** Everything {@code openim:image} needs; {@code pluginVersion} names the SBOMs' creator (may be null). */
    public ReleaseRequest releaseRequest(String pluginVersion) {
        String tag = releaseTag();
        List<String> extraTags = extraTags();
        ReleaseRequest.Compression compression = switch (settings.choice(Setting.ARCHIVE_COMPRESSION)) {
            case "gzip" -> ReleaseRequest.Compression.GZIP;
            default -> ReleaseRequest.Compression.NONE;
        };
        List<Platform> platforms = releasePlatforms();
        Map<Platform, String> baseImages = new TreeMap<>();
        for (String entry : settings.list(Setting.RUNTIME_BASE_IMAGES)) {
            int equals = entry.indexOf('=');
            if (equals <= 0 || equals == entry.length() - 1) {
                throw new OpenImException("'" + entry + "' in " + Setting.RUNTIME_BASE_IMAGES.describe() + " is not"
                        + " PLATFORM=IMAGE, e.g. linux/arm64=my/base:arm64 or linux/arm64=scratch.");
            }
            baseImages.put(
                    Platform.parse(entry.substring(0, equals), Setting.RUNTIME_BASE_IMAGES),
                    entry.substring(equals + 1).trim());
        }
        Path outDir = outDir();
        String project = settings.project().coordinates();
        Map<String, String> imageLabels = new LinkedHashMap<>();
        imageLabels.put(BuildIdentity.LABEL_MANAGED, "true");
        imageLabels.put(BuildIdentity.LABEL_ROLE, Role.RELEASE_IMAGE.label());
        imageLabels.put(BuildIdentity.LABEL_PROJECT, project);
        Optional<CheckoutInfo.Commit> commit = CheckoutInfo.headCommit(projectRoot());
        Instant created = creationTime(commit);
        ImageMetadata metadata = imageMetadata(tag, commit, created, pluginVersion, baseImages);
        return new ReleaseRequest(
                imageLabels,
                BuildIdentity.checkoutLabels(checkoutHash(), project, Role.RELEASE_IMAGE),
                projectRoot().resolve(outputSubpath()).resolve("bin"),
                settings.path(Setting.IMAGES_DIRECTORY),
                outDir.resolve("release-images"),
                outDir.resolve("images/release"),
                outDir.resolve("images/bases"),
                settings.list(Setting.IMAGES),
                platforms,
                settings.string(Setting.RUNTIME_BASE_IMAGE),
                baseImages,
                settings.bool(Setting.PULL_BASE_IMAGE),
                settings.string(Setting.IMAGE_REGISTRY),
                tag,
                extraTags,
                releaseThreads(),
                compression,
                settings.bool(Setting.KEEP_IMAGES),
                created,
                metadata);
    }

    /**
     * The OCI labels every release image gets, from what is known and nothing else: the POM's scm
     * url (else url) as source, the checkout's commit as revision, the tag as version, the creation
     * time when it comes from SOURCE_DATE_EPOCH or the commit, the POM's licenses when each has an
     * SPDX identifier, its description. Then the POM's labels, the image user, checked here.
     */
    private ImageMetadata imageMetadata(
            String tag,
            Optional<CheckoutInfo.Commit> commit,
            Instant created,
            String pluginVersion,
            Map<Platform, String> baseImages) {
        ProjectFacts project = settings.project();
        Map<String, String> labels = new TreeMap<>();
        List<String> notes = new ArrayList<>();
        String source = blankToNull(project.scmUrl()) != null ? project.scmUrl() : blankToNull(project.url());
        if (source != null) {
            labels.put(ImageMetadata.SOURCE, source.trim());
        }
        commit.ifPresent(c -> labels.put(ImageMetadata.REVISION, c.id()));
        labels.put(ImageMetadata.VERSION, tag);
        if (commit.isPresent() || sourceDateEpoch() != null) {
            labels.put(ImageMetadata.CREATED, created.toString());
        }
        List<String> identified = new ArrayList<>();
        for (ProjectFacts.License license : project.licenses()) {
            String id = SpdxLicenses.identify(license.name(), license.url());
            if (id == null) {
                notes.add(ImageMetadata.LICENSES + " is left out: the POM's license '" + license.name()
                        + "' has no SPDX identifier the plugin knows. Name it in <" + Setting.LABELS.parameter()
                        + ">, e.g. <" + ImageMetadata.LICENSES + ">Apache-2.0</" + ImageMetadata.LICENSES + ">.");
                identified.clear();
                break;
            }
            if (!identified.contains(id)) {
                identified.add(id);
            }
        }
        if (!identified.isEmpty()) {
            // A POM that lists several licenses offers a choice between them.
            labels.put(ImageMetadata.LICENSES, String.join(" OR ", identified));
        }
        String description = blankToNull(project.description());
        if (description != null) {
            labels.put(ImageMetadata.DESCRIPTION, description.trim().replaceAll("\\s+", " "));
        }
        Map<String, String> overrides = new TreeMap<>();
        settings.map(Setting.LABELS).forEach((key, value) -> {
            String name = key == null ? "" : key.trim();
            if (name.isEmpty() || name.startsWith("io.openim.")) {
                throw new OpenImException("The label '" + name + "' in " + Setting.LABELS.describe() + " is not"
                        + " allowed: "
                        + (name.isEmpty()
                                ? "a label needs a name"
                                : "io.openim.* labels are the"
                                        + " plugin's own, by which openim:clean finds what it made")
                        + ". Rename or remove it.");
            }
            overrides.put(name, value == null ? "" : value.trim());
        });
        return new ImageMetadata(
                labels,
                overrides,
                imageUser(baseImages),
                blankToNull(project.url()) == null ? null : project.url().trim(),
                pluginVersion == null || pluginVersion.isBlank()
                        ? "openim-maven-plugin"
                        : "openim-maven-plugin-" + pluginVersion.trim(),
                notes);
    }

    /**
     * {@code imageUser}: a user or uid, with an optional group or gid. A name is looked up in the
     * base's /etc/passwd when the container starts; scratch has none, so it must be numbers there.
     */
    private String imageUser(Map<Platform, String> baseImages) {
        String user = settings.string(Setting.IMAGE_USER);
        if (user == null) {
            return null;
        }
        String part = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}";
        if (!user.matches(part + "(:" + part + ")?")) {
            throw new OpenImException("Setting " + Setting.IMAGE_USER.describe() + " is '" + user + "'; it must be"
                    + " USER or USER:GROUP, as names or numbers, e.g. 65532:65532 or nobody.");
        }
        boolean numeric = user.matches("\\d+(:\\d+)?");
        List<String> scratch = new ArrayList<>();
        if ("scratch".equals(settings.string(Setting.RUNTIME_BASE_IMAGE))) {
            scratch.add(Setting.RUNTIME_BASE_IMAGE.parameter());
        }
        baseImages.forEach((platform, base) -> {
            if ("scratch".equals(base)) {
                scratch.add(platform.toString());
            }
        });
        if (!numeric && !scratch.isEmpty()) {
            throw new OpenImException("Setting " + Setting.IMAGE_USER.describe() + " is '" + user + "', a name, but"
                    + " the base of " + String.join(", ", scratch) + " is scratch, which has no /etc/passwd to"
                    + " look it up in: the container would not start. Give numbers, e.g. 65532:65532.");
        }
        return user;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private String sourceDateEpoch() {
        String epoch = settings.environment().get("SOURCE_DATE_EPOCH");
        return epoch == null || epoch.isBlank() ? null : epoch.trim();
    }

    /**
     * When release images say they were made, and the time of every file in their layers:
     * {@code SOURCE_DATE_EPOCH} (the reproducible-builds convention), else the commit time of HEAD,
     * else the epoch. Never the clock: the same sources must give the same images.
     */
    Instant creationTime() {
        return creationTime(CheckoutInfo.headCommit(projectRoot()));
    }

    private Instant creationTime(Optional<CheckoutInfo.Commit> commit) {
        String epoch = sourceDateEpoch();
        if (epoch != null) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(epoch.trim()));
            } catch (NumberFormatException e) {
                throw new OpenImException("SOURCE_DATE_EPOCH is '" + epoch + "'; it must be whole seconds since"
                        + " 1970-01-01, e.g. $(git log -1 --format=%ct).");
            }
        }
        return Instant.ofEpochSecond(commit.map(CheckoutInfo.Commit::time).orElse(0L));
    }

    /** The tag of release images: the setting, else the project version with '+' as '_'. */
    private String releaseTag() {
        String tag = settings.string(Setting.IMAGE_TAG);
        if (tag == null) {
            tag = settings.project().version().replace('+', '_');
        }
        validateTag(tag, Setting.IMAGE_TAG);
        return tag;
    }

    private List<String> extraTags() {
        List<String> extraTags = settings.list(Setting.EXTRA_TAGS);
        extraTags.forEach(extra -> validateTag(extra, Setting.EXTRA_TAGS));
        return extraTags;
    }

    private List<Platform> releasePlatforms() {
        List<Platform> platforms = new ArrayList<>();
        for (String entry : settings.list(Setting.BUILD_PLATFORMS)) {
            // OPENIM_BUILD_PLATFORMS is space separated in the original scripts.
            for (String platform : entry.trim().split("\\s+")) {
                if (!platform.isEmpty()) {
                    platforms.add(Platform.parse(platform, Setting.BUILD_PLATFORMS));
                }
            }
        }
        return platforms;
    }

    private int releaseThreads() {
        Integer threads = settings.integer(Setting.IMAGE_THREADS);
        return threads == null ? Math.min(Runtime.getRuntime().availableProcessors(), 64) : threads;
    }

    public boolean skipPush() {
        return settings.bool(Setting.SKIP_PUSH);
    }

    /**
     * Everything {@code openim:push} needs.
     *
     * @param mavenServers settings.xml servers by id, passwords decrypted
     */
    public PushRequest pushRequest(Map<String, RegistryCredential> mavenServers, Path userHome) {
        String dockerConfig = settings.environment().get("DOCKER_CONFIG");
        Path dockerConfigDirectory =
                dockerConfig == null || dockerConfig.isBlank() ? userHome.resolve(".docker") : Path.of(dockerConfig);
        Set<String> insecure = new LinkedHashSet<>();
        for (String registry : settings.list(Setting.INSECURE_REGISTRIES)) {
            insecure.add(registry.replaceFirst("^https?://", "").replaceAll("/+$", ""));
        }
        return new PushRequest(
                outDir().resolve("release-images"),
                settings.string(Setting.IMAGE_REGISTRY),
                releaseTag(),
                extraTags(),
                settings.list(Setting.IMAGES),
                releasePlatforms(),
                insecure,
                new CredentialResolver(
                        mavenServers,
                        dockerConfigDirectory,
                        settings.environment().get("PATH")),
                releaseThreads());
    }

    private static void validateTag(String tag, Setting setting) {
        if (!tag.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")) {
            throw new OpenImException(
                    "'" + TextInput.escaped(tag) + "' is not a valid image tag (letters, digits, '_', '.', '-', at most"
                            + " 128). Fix " + setting.describe() + ".");
        }
    }
}
