package io.openim.maven.config;

import io.openim.maven.OpenImException;
import io.openim.maven.buildimage.BuildImageRequest;
import io.openim.maven.naming.BuildIdentity;
import io.openim.maven.naming.CheckoutInfo;
import io.openim.maven.release.ReleaseRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.codehaus.plexus.util.SelectorUtils;

/**
 * The resolved configuration of one goal execution. Values are resolved on first use through
 * {@link SettingsResolver}, so a goal never fails on a setting it does not read.
 */
public final class PluginConfiguration {

    private final ProjectFacts project;
    private final SettingsResolver resolver;
    private final Map<Setting, Object> pom;
    private final Map<String, String> buildArgs;
    private final Map<String, String> containerEnv;
    private BuildIdentity identity;

    public PluginConfiguration(ProjectFacts project, SettingsResolver resolver, Map<Setting, Object> pomValues,
            Map<String, String> buildArgs, Map<String, String> containerEnv) {
        this.project = project;
        this.resolver = resolver;
        this.pom = new EnumMap<>(Setting.class);
        pomValues.forEach((k, v) -> {
            if (v != null) {
                pom.put(k, v);
            }
        });
        this.buildArgs = buildArgs == null ? Map.of() : Map.copyOf(buildArgs);
        this.containerEnv = containerEnv == null ? Map.of() : new LinkedHashMap<>(containerEnv);
    }

    public ProjectFacts project() {
        return project;
    }

    public String string(Setting setting) {
        return resolver.string(setting, pom.get(setting));
    }

    public boolean bool(Setting setting) {
        return resolver.bool(setting, (Boolean) pom.get(setting));
    }

    @SuppressWarnings("unchecked")
    public List<String> list(Setting setting) {
        return resolver.list(setting, (List<String>) pom.get(setting));
    }

    public int integer(Setting setting, int fallback, int min, int max) {
        return resolver.integer(setting, (Integer) pom.get(setting), fallback, min, max);
    }

    public Path projectRoot() {
        return project.basedir();
    }

    public Path outDir() {
        return path(Setting.OUT_DIR);
    }

    /** A path setting, relative to the project root unless absolute. */
    public Path path(Setting setting) {
        String value = string(setting);
        return value == null ? null : projectRoot().resolve(value).normalize();
    }

    public boolean skip() {
        return bool(Setting.SKIP);
    }

    public boolean verbose() {
        return bool(Setting.VERBOSE);
    }

    public synchronized BuildIdentity identity() {
        if (identity == null) {
            String hash = BuildIdentity.hash(CheckoutInfo.hostname(), CheckoutInfo.canonicalPath(projectRoot()),
                    CheckoutInfo.gitBranch(projectRoot()));
            identity = new BuildIdentity(hash, buildImageVersion(), project.coordinates());
        }
        return identity;
    }

    /** The setting, else {@code VERSION} beside the Dockerfile, else "1". */
    String buildImageVersion() {
        String configured = string(Setting.BUILD_IMAGE_VERSION);
        if (configured != null) {
            return configured;
        }
        Path versionFile = dockerfile().resolveSibling("VERSION");
        if (Files.isRegularFile(versionFile)) {
            try {
                String text = Files.readString(versionFile, StandardCharsets.UTF_8).trim();
                if (!text.isEmpty()) {
                    return text;
                }
            } catch (IOException e) {
                throw new OpenImException("Cannot read " + versionFile + ": " + e.getMessage()
                        + ". Make it readable or set 'buildImageVersion'.", e);
            }
        }
        return "1";
    }

    public Path dockerfile() {
        return path(Setting.DOCKERFILE);
    }

    public BuildImageRequest buildImageRequest() {
        Path context = path(Setting.CONTEXT_DIRECTORY);
        if (context == null) {
            context = outDir().resolve("images/build-image");
        }
        List<Path> files = new ArrayList<>();
        for (String file : list(Setting.CONTEXT_FILES)) {
            files.add(projectRoot().resolve(file).normalize());
        }
        return new BuildImageRequest(identity(), dockerfile(), files, context, string(Setting.CROSS_IMAGE),
                string(Setting.CROSS_VERSION), buildArgs, bool(Setting.PULL_BASE_IMAGE));
    }

    public String remoteRoot() {
        String root = string(Setting.REMOTE_ROOT);
        if (!root.startsWith("/")) {
            throw new OpenImException("'remoteRoot' must be an absolute path inside the container, not '" + root + "'.");
        }
        return root.length() > 1 && root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    }

    public List<String> cacheVolumes() {
        List<String> volumes = list(Setting.CACHE_VOLUMES);
        for (String volume : volumes) {
            if (!volume.startsWith("/")) {
                throw new OpenImException("Each entry of 'cacheVolumes' must be an absolute container path; '" + volume
                        + "' is not.");
            }
        }
        return volumes;
    }

    /** The rsync image; by default the build image, which the example gives rsync. */
    public String rsyncImage() {
        String image = string(Setting.RSYNC_IMAGE);
        return image == null ? identity().buildImage() : image;
    }

    /** The host port for the rsync container; 0 lets the engine pick an ephemeral one. */
    public int rsyncPort() {
        return integer(Setting.RSYNC_PORT, 0, 0, 65535);
    }

    public int rsyncCompress() {
        return integer(Setting.RSYNC_COMPRESS, 0, 0, 9);
    }

    /**
     * The container user: the setting, else root on a rootless engine (where root is the host
     * user), else the host's own uid:gid so results come back owned by the user.
     */
    public String buildUser(boolean rootlessEngine, String hostUser) {
        String user = string(Setting.BUILD_USER);
        if (user != null) {
            return user;
        }
        return rootlessEngine || hostUser == null ? "0:0" : hostUser;
    }

    public String buildNetwork() {
        return string(Setting.BUILD_NETWORK);
    }

    /**
     * The build container's environment: host variables named in {@code passEnv} (wildcards
     * '*' and '?') that are set, then the configured {@code env} map on top.
     */
    public Map<String, String> buildEnvironment() {
        Map<String, String> result = new TreeMap<>();
        List<String> names = list(Setting.PASS_ENV);
        for (Map.Entry<String, String> variable : resolver.environment().entrySet()) {
            for (String name : names) {
                if (SelectorUtils.match(name, variable.getKey(), true)) {
                    result.put(variable.getKey(), variable.getValue());
                }
            }
        }
        result.putAll(containerEnv);
        return result;
    }

    public String command() {
        String command = string(Setting.COMMAND);
        if (command == null) {
            throw new OpenImException("openim:run needs a command: pass -Dopenim.command=\"make test\" or configure"
                    + " 'command' in the POM.");
        }
        return command;
    }

    public String buildCommand() {
        return string(Setting.BUILD_COMMAND);
    }

    /** The output sub-path, relative, '/'-separated, without leading or trailing slash. */
    public String outputSubpath() {
        String subpath = string(Setting.OUTPUT_SUBPATH).replace('\\', '/').replaceAll("^/+|/+$", "");
        if (subpath.isEmpty() || List.of(subpath.split("/")).contains("..")) {
            throw new OpenImException("'outputSubpath' must be a relative path inside the checkout such as"
                    + " _output/dockerized, not '" + string(Setting.OUTPUT_SUBPATH) + "'.");
        }
        return subpath;
    }

    public boolean copyOutput() {
        return bool(Setting.COPY_OUTPUT);
    }

    public boolean waitForLock() {
        return bool(Setting.WAIT_FOR_LOCK);
    }

    /** Everything {@code openim:image} needs. */
    public ReleaseRequest releaseRequest() {
        String tag = string(Setting.IMAGE_TAG);
        if (tag == null) {
            tag = project.version().replace('+', '_');
        }
        validateTag(tag, Setting.IMAGE_TAG);
        List<String> extraTags = list(Setting.EXTRA_TAGS);
        extraTags.forEach(extra -> validateTag(extra, Setting.EXTRA_TAGS));
        String compression = string(Setting.ARCHIVE_COMPRESSION).toLowerCase(Locale.ROOT);
        ReleaseRequest.Compression mode = switch (compression) {
            case "none" -> ReleaseRequest.Compression.NONE;
            case "gzip" -> ReleaseRequest.Compression.GZIP;
            default -> throw new OpenImException("Setting " + Setting.ARCHIVE_COMPRESSION.describe() + " is '"
                    + compression + "'; it must be none or gzip.");
        };
        List<String> platforms = new ArrayList<>();
        for (String entry : list(Setting.BUILD_PLATFORMS)) {
            // OPENIM_BUILD_PLATFORMS is space separated in the original scripts.
            for (String platform : entry.trim().split("\\s+")) {
                if (!platform.isEmpty()) {
                    platforms.add(platform);
                }
            }
        }
        int cores = Runtime.getRuntime().availableProcessors();
        return new ReleaseRequest(identity(), projectRoot().resolve(outputSubpath()).resolve("bin"),
                path(Setting.IMAGES_DIRECTORY), outDir().resolve("release-images"), outDir().resolve("images/release"),
                list(Setting.IMAGES), platforms, string(Setting.RUNTIME_BASE_IMAGE), bool(Setting.PULL_BASE_IMAGE),
                string(Setting.IMAGE_REGISTRY), tag, extraTags, integer(Setting.IMAGE_THREADS, cores, 1, 64), mode,
                bool(Setting.KEEP_IMAGES));
    }

    private static void validateTag(String tag, Setting setting) {
        if (!tag.matches("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")) {
            throw new OpenImException("'" + tag + "' is not a valid image tag (letters, digits, '_', '.', '-', at most"
                    + " 128). Fix " + setting.describe() + ".");
        }
    }
}
