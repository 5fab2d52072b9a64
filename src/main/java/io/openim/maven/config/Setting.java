package io.openim.maven.config;

/**
 * Every setting the plugin reads, with its POM parameter, {@code -D} property, environment
 * variable and default. {@link SettingsResolver} applies the precedence; nothing else reads
 * properties or the environment for these values.
 */
public enum Setting {
    SKIP("skip", "openim.skip", "OPENIM_SKIP", "false"),
    DOCKER_HOST("dockerHost", "openim.docker.host", "OPENIM_DOCKER_HOST", null),
    OUT_DIR("outDir", "openim.out.dir", "OPENIM_OUT_DIR", "_output"),
    VERBOSE("verbose", "openim.verbose", "OPENIM_VERBOSE", "false"),

    BUILD_IMAGE_VERSION("buildImageVersion", "openim.build.image.version", "OPENIM_BUILD_IMAGE_VERSION", null),
    DOCKERFILE("dockerfile", "openim.dockerfile", "OPENIM_DOCKERFILE", "build/build-image/Dockerfile"),
    CONTEXT_DIRECTORY("contextDirectory", "openim.context.directory", "OPENIM_CONTEXT_DIRECTORY", null),
    CONTEXT_FILES("contextFiles", "openim.context.files", "OPENIM_CONTEXT_FILES", null),
    CROSS_IMAGE("crossImage", "openim.cross.image", "OPENIM_CROSS_IMAGE", null),
    CROSS_VERSION("crossVersion", "openim.cross.version", "OPENIM_CROSS_VERSION", null),
    PULL_BASE_IMAGE("pullBaseImage", "openim.pull.base.image", "OPENIM_PULL_BASE_IMAGE", "false"),

    REMOTE_ROOT("remoteRoot", "openim.remote.root", "OPENIM_REMOTE_ROOT", "/workspace"),
    CACHE_VOLUMES("cacheVolumes", "openim.cache.volumes", "OPENIM_CACHE_VOLUMES", "/cache"),
    RSYNC_IMAGE("rsyncImage", "openim.rsync.image", "OPENIM_RSYNC_IMAGE", null),
    RSYNC_PORT("rsyncPort", "openim.rsync.port", "OPENIM_RSYNC_PORT", "0"),
    RSYNC_COMPRESS("rsyncCompress", "openim.rsync.compress", "OPENIM_RSYNC_COMPRESS", "0"),
    SYNC_EXCLUDES("syncExcludes", "openim.sync.excludes", "OPENIM_SYNC_EXCLUDES", null),
    SYNC_GIT("syncGit", "openim.sync.git", "OPENIM_SYNC_GIT", "true"),

    BUILD_USER("buildUser", "openim.build.user", "OPENIM_BUILD_USER", null),
    BUILD_NETWORK("buildNetwork", "openim.build.network", "OPENIM_BUILD_NETWORK", "none"),
    PASS_ENV("passEnv", "openim.pass.env", "OPENIM_PASS_ENV",
            "GOFLAGS,GOPROXY,GOLDFLAGS,GOGCFLAGS,SOURCE_DATE_EPOCH,OPENIM_*"),
    COMMAND("command", "openim.command", "OPENIM_COMMAND", null),
    BUILD_COMMAND("buildCommand", "openim.build.command", "OPENIM_BUILD_COMMAND", "make build"),
    OUTPUT_SUBPATH("outputSubpath", "openim.output.subpath", "OPENIM_OUTPUT_SUBPATH", "_output/dockerized"),
    COPY_OUTPUT("copyOutput", "openim.copy.output", "OPENIM_RUN_COPY_OUTPUT", "true"),
    WAIT_FOR_LOCK("waitForLock", "openim.wait.for.lock", "OPENIM_WAIT_FOR_LOCK", "false"),

    IMAGES("images", "openim.images", "OPENIM_IMAGES", null),
    IMAGES_DIRECTORY("imagesDirectory", "openim.images.directory", "OPENIM_IMAGES_DIRECTORY", "build/images"),
    RUNTIME_BASE_IMAGE("runtimeBaseImage", "openim.base.image", "OPENIM_BASE_IMAGE", "debian:bookworm-slim"),
    IMAGE_REGISTRY("imageRegistry", "openim.docker.registry", "OPENIM_DOCKER_REGISTRY", "openim"),
    IMAGE_TAG("imageTag", "openim.docker.image.tag", "OPENIM_DOCKER_IMAGE_TAG", null),
    EXTRA_TAGS("extraTags", "openim.extra.tags", "OPENIM_EXTRA_TAGS", null),
    BUILD_PLATFORMS("buildPlatforms", "openim.build.platforms", "OPENIM_BUILD_PLATFORMS", null),
    IMAGE_THREADS("imageThreads", "openim.image.threads", "OPENIM_IMAGE_THREADS", null),
    ARCHIVE_COMPRESSION("archiveCompression", "openim.archive.compression", "OPENIM_ARCHIVE_COMPRESSION", "none"),
    ATTACH("attach", "openim.attach", "OPENIM_ATTACH", "false"),
    KEEP_IMAGES("keepImages", "openim.keep.images", "OPENIM_KEEP_IMAGES", "false");

    private final String parameter;
    private final String property;
    private final String environment;
    private final String defaultValue;

    Setting(String parameter, String property, String environment, String defaultValue) {
        this.parameter = parameter;
        this.property = property;
        this.environment = environment;
        this.defaultValue = defaultValue;
    }

    public String parameter() {
        return parameter;
    }

    public String property() {
        return property;
    }

    public String environment() {
        return environment;
    }

    /** The default as text, or null when it is derived from other settings or the project. */
    public String defaultValue() {
        return defaultValue;
    }

    /** How to name this setting in an error message. */
    public String describe() {
        return "'" + parameter + "' (-D" + property + ", " + environment + ")";
    }
}
