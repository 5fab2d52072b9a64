package io.openim.maven.setting;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Every setting the plugin reads, declared once: its POM parameter, {@code -D} property (from
 * {@link PropertyNames}), environment variable, type, default, valid range and the goals that
 * read it. A unit test holds the generated plugin descriptor and the README against this list.
 * Services may name a setting in a message ({@link #describe()}); only the config layer reads
 * values.
 */
public enum Setting {
    SKIP(declare("skip", PropertyNames.SKIP).bool(false).on(Goal.ALL)),
    DOCKER_HOST(declare("dockerHost", PropertyNames.DOCKER_HOST).on(Goal.ALL)),
    // Unset falls back to the Docker CLI's DOCKER_TLS_VERIFY / DOCKER_CERT_PATH.
    DOCKER_TLS_VERIFY(declare("dockerTlsVerify", PropertyNames.DOCKER_TLS_VERIFY)
            .optionalBool()
            .on(Goal.ALL)),
    DOCKER_CERT_PATH(declare("dockerCertPath", PropertyNames.DOCKER_CERT_PATH).on(Goal.ALL)),
    // Seconds an engine request that is not a stream may take; 0 = no limit.
    ENGINE_TIMEOUT(declare("engineTimeout", PropertyNames.ENGINE_TIMEOUT)
            .integer(120, 0, 86_400)
            .on(Goal.ALL)),
    OUT_DIR(declare("outDir", PropertyNames.OUT_DIR).text("_output").on(Goal.ALL)),
    VERBOSE(declare("verbose", PropertyNames.VERBOSE).bool(false).on(Goal.ALL)),
    WAIT_FOR_LOCK(
            declare("waitForLock", PropertyNames.WAIT_FOR_LOCK).bool(false).on(Goal.ALL)),
    ALLOW_EXTERNAL_OUT_DIR(declare("allowExternalOutDir", PropertyNames.ALLOW_EXTERNAL_OUT_DIR)
            .bool(false)
            .on(Goal.ALL)),

    BUILD_IMAGE_VERSION(
            declare("buildImageVersion", PropertyNames.BUILD_IMAGE_VERSION).on(Goal.BUILD_IMAGE_NAMED)),
    DOCKERFILE(declare("dockerfile", PropertyNames.DOCKERFILE)
            .text("build/build-image/Dockerfile")
            .on(Goal.BUILD_IMAGE_NAMED)),
    CONTEXT_DIRECTORY(
            declare("contextDirectory", PropertyNames.CONTEXT_DIRECTORY).on(Goal.WITH_BUILD_IMAGE)),
    CONTEXT_FILES(
            declare("contextFiles", PropertyNames.CONTEXT_FILES).list(null).on(Goal.WITH_BUILD_IMAGE)),
    CROSS_IMAGE(declare("crossImage", PropertyNames.CROSS_IMAGE).on(Goal.BUILD_IMAGE_NAMED)),
    CROSS_VERSION(declare("crossVersion", PropertyNames.CROSS_VERSION).on(Goal.BUILD_IMAGE_NAMED)),
    PULL_BASE_IMAGE(declare("pullBaseImage", PropertyNames.PULL_BASE_IMAGE)
            .bool(false)
            .on(Goal.union(Goal.WITH_BUILD_IMAGE, Set.of(Goal.IMAGE)))),
    BUILD_ARGS(declare("buildArgs", null).map().on(Goal.WITH_BUILD_IMAGE)),

    REMOTE_ROOT(
            declare("remoteRoot", PropertyNames.REMOTE_ROOT).text("/workspace").on(Goal.DATA_CONTAINER)),
    CACHE_VOLUMES(declare("cacheVolumes", PropertyNames.CACHE_VOLUMES)
            .list("/cache")
            .on(Goal.union(Goal.CONTAINERS, Goal.CACHE))),
    RSYNC_IMAGE(declare("rsyncImage", PropertyNames.RSYNC_IMAGE).on(Goal.CONTAINERS)),
    RSYNC_PORT(
            declare("rsyncPort", PropertyNames.RSYNC_PORT).integer(0, 0, 65535).on(Goal.CONTAINERS)),
    SYNC_TRANSPORT(declare("syncTransport", PropertyNames.SYNC_TRANSPORT)
            .choice("auto", "auto", "port", "stream", "bind")
            .on(Goal.CONTAINERS)),
    RSYNC_COMPRESS(declare("rsyncCompress", PropertyNames.RSYNC_COMPRESS)
            .integer(0, 0, 9)
            .on(Goal.CONTAINERS)),
    SYNC_EXCLUDES(
            declare("syncExcludes", PropertyNames.SYNC_EXCLUDES).list(null).on(Goal.CONTAINERS)),
    SYNC_GIT(declare("syncGit", PropertyNames.SYNC_GIT).bool(true).on(Goal.CONTAINERS)),
    BUILD_USER(declare("buildUser", PropertyNames.BUILD_USER).on(Goal.DATA_CONTAINER)),
    OUTPUT_SUBPATH(declare("outputSubpath", PropertyNames.OUTPUT_SUBPATH)
            .text("_output/dockerized")
            .on(Goal.union(Goal.CONTAINERS, Set.of(Goal.IMAGE)))),
    BUILD_NETWORK(
            declare("buildNetwork", PropertyNames.BUILD_NETWORK).text("none").on(Goal.COMMANDS)),
    PASS_ENV(declare("passEnv", PropertyNames.PASS_ENV)
            .list("GOFLAGS,GOPROXY,GOLDFLAGS,GOGCFLAGS,SOURCE_DATE_EPOCH,OPENIM_*")
            .on(Goal.COMMANDS)),
    ENV(declare("env", null).map().on(Goal.COMMANDS)),
    // The original scripts call it RUN_COPY_OUTPUT.
    COPY_OUTPUT(declare("copyOutput", PropertyNames.COPY_OUTPUT)
            .environment("OPENIM_RUN_COPY_OUTPUT")
            .bool(true)
            .on(Goal.COMMANDS)),
    BUILD_COMMAND(declare("buildCommand", PropertyNames.BUILD_COMMAND)
            .text("make build")
            .on(Set.of(Goal.BUILD))),
    COMMAND(declare("command", PropertyNames.COMMAND).on(Set.of(Goal.RUN))),

    IMAGES(declare("images", PropertyNames.IMAGES).list(null).on(Goal.RELEASE)),
    IMAGES_DIRECTORY(declare("imagesDirectory", PropertyNames.IMAGES_DIRECTORY)
            .text("build/images")
            .on(Set.of(Goal.IMAGE))),
    RUNTIME_BASE_IMAGE(declare("runtimeBaseImage", PropertyNames.RUNTIME_BASE_IMAGE)
            .text("debian:bookworm-slim")
            .on(Set.of(Goal.IMAGE))),
    RUNTIME_BASE_IMAGES(declare("runtimeBaseImages", PropertyNames.RUNTIME_BASE_IMAGES)
            .list(null)
            .on(Set.of(Goal.IMAGE))),
    IMAGE_REGISTRY(declare("imageRegistry", PropertyNames.IMAGE_REGISTRY)
            .text("openim")
            .on(Goal.RELEASE)),
    IMAGE_TAG(declare("imageTag", PropertyNames.IMAGE_TAG).on(Goal.RELEASE)),
    EXTRA_TAGS(declare("extraTags", PropertyNames.EXTRA_TAGS).list(null).on(Goal.RELEASE)),
    BUILD_PLATFORMS(
            declare("buildPlatforms", PropertyNames.BUILD_PLATFORMS).list(null).on(Goal.RELEASE)),
    IMAGE_THREADS(declare("imageThreads", PropertyNames.IMAGE_THREADS)
            .integer(null, 1, 64)
            .on(Goal.RELEASE)),
    ARCHIVE_COMPRESSION(declare("archiveCompression", PropertyNames.ARCHIVE_COMPRESSION)
            .choice("none", "none", "gzip")
            .on(Set.of(Goal.IMAGE))),
    ATTACH(declare("attach", PropertyNames.ATTACH).bool(false).on(Set.of(Goal.IMAGE))),
    KEEP_IMAGES(declare("keepImages", PropertyNames.KEEP_IMAGES).bool(false).on(Set.of(Goal.IMAGE))),
    // Unset: the base's user, root for Debian and scratch, as in the original images.
    IMAGE_USER(declare("imageUser", PropertyNames.IMAGE_USER).on(Set.of(Goal.IMAGE))),
    LABELS(declare("labels", null).map().on(Set.of(Goal.IMAGE))),

    INSECURE_REGISTRIES(declare("insecureRegistries", PropertyNames.INSECURE_REGISTRIES)
            .list(null)
            .on(Set.of(Goal.PUSH))),
    SKIP_PUSH(declare("skipPush", PropertyNames.SKIP_PUSH).bool(false).on(Set.of(Goal.PUSH))),

    // No default: where a CI runner keeps its cache is the workflow's choice (actions/cache's path).
    CACHE_DIR(declare("cacheDir", PropertyNames.CACHE_DIR).on(Goal.CACHE));

    private final Spec spec;

    Setting(Spec spec) {
        this.spec = spec;
    }

    /** The POM parameter, e.g. {@code outDir}. */
    public String parameter() {
        return spec.parameter;
    }

    /** The {@code -D} property, or null for a map (POM only). */
    public String property() {
        return spec.property;
    }

    /** The environment variable, or null for a map (POM only). */
    public String environment() {
        return spec.environment;
    }

    public SettingType type() {
        return spec.type;
    }

    /** The default as text, or null when there is none or it is derived (see the README). */
    public String defaultValue() {
        return spec.defaultValue;
    }

    /** The smallest valid value of an {@link SettingType#INTEGER} setting. */
    public int min() {
        return spec.min;
    }

    /** The largest valid value of an {@link SettingType#INTEGER} setting. */
    public int max() {
        return spec.max;
    }

    /** The valid words of a {@link SettingType#CHOICE} setting. */
    public List<String> choices() {
        return spec.choices;
    }

    /** The goals that read this setting, and so list it as a parameter. */
    public Set<Goal> goals() {
        return spec.goals;
    }

    /**
     * How every message names this setting: {@code 'outDir' (-Dopenim.out.dir, OPENIM_OUT_DIR)}, or
     * {@code <buildArgs> in the POM} for a map.
     */
    public String describe() {
        if (spec.property == null) {
            return "<" + spec.parameter + "> in the POM";
        }
        return "'" + spec.parameter + "' (-D" + spec.property + ", " + spec.environment + ")";
    }

    /** The same as {@link #describe()}, with a value to set, for "set X" advice: {@code -Dopenim.x=v}. */
    public String describe(String exampleValue) {
        if (spec.property == null) {
            return describe();
        }
        return "'" + spec.parameter + "' (-D" + spec.property + "=" + exampleValue + ", " + spec.environment + ")";
    }

    private static Spec declare(String parameter, String property) {
        return new Spec(parameter, property);
    }

    /** The declaration of one setting, filled in by the constant's builder calls. */
    private static final class Spec {
        private final String parameter;
        private final String property;
        private String environment;
        private SettingType type = SettingType.STRING;
        private String defaultValue;
        private int min = Integer.MIN_VALUE;
        private int max = Integer.MAX_VALUE;
        private List<String> choices = List.of();
        private Set<Goal> goals = Set.of();

        private Spec(String parameter, String property) {
            this.parameter = parameter;
            this.property = property;
            // openim.out.dir -> OPENIM_OUT_DIR, the original scripts' names.
            this.environment =
                    property == null ? null : property.toUpperCase(Locale.ROOT).replace('.', '_');
        }

        Spec environment(String name) {
            environment = name;
            return this;
        }

        Spec text(String value) {
            defaultValue = value;
            return this;
        }

        Spec bool(boolean value) {
            type = SettingType.BOOLEAN;
            defaultValue = Boolean.toString(value);
            return this;
        }

        /** A boolean whose absence means something of its own (the caller falls back). */
        Spec optionalBool() {
            type = SettingType.BOOLEAN;
            defaultValue = null;
            return this;
        }

        Spec integer(Integer value, int lowest, int highest) {
            type = SettingType.INTEGER;
            defaultValue = value == null ? null : value.toString();
            min = lowest;
            max = highest;
            return this;
        }

        Spec list(String value) {
            type = SettingType.LIST;
            defaultValue = value;
            return this;
        }

        Spec map() {
            type = SettingType.MAP;
            return this;
        }

        Spec choice(String value, String... words) {
            type = SettingType.CHOICE;
            defaultValue = value;
            choices = List.of(words);
            return this;
        }

        Spec on(Set<Goal> readers) {
            goals = Set.copyOf(readers);
            return this;
        }
    }
}
