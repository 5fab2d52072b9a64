package io.openim.maven.setting;

/**
 * The {@code -D} property of every setting, once. The mojos' {@code @Parameter(property = …)} and
 * {@link Setting} both use these constants, so the two cannot drift apart.
 */
public final class PropertyNames {

    public static final String SKIP = "openim.skip";
    public static final String DOCKER_HOST = "openim.docker.host";
    public static final String DOCKER_TLS_VERIFY = "openim.docker.tls.verify";
    public static final String DOCKER_CERT_PATH = "openim.docker.cert.path";
    public static final String ENGINE_TIMEOUT = "openim.engine.timeout";
    public static final String OUT_DIR = "openim.out.dir";
    public static final String VERBOSE = "openim.verbose";
    public static final String WAIT_FOR_LOCK = "openim.wait.for.lock";
    public static final String ALLOW_EXTERNAL_OUT_DIR = "openim.allow.external.out.dir";

    public static final String BUILD_IMAGE_VERSION = "openim.build.image.version";
    public static final String DOCKERFILE = "openim.dockerfile";
    public static final String CONTEXT_DIRECTORY = "openim.context.directory";
    public static final String CONTEXT_FILES = "openim.context.files";
    public static final String CROSS_IMAGE = "openim.cross.image";
    public static final String CROSS_VERSION = "openim.cross.version";
    public static final String PULL_BASE_IMAGE = "openim.pull.base.image";

    public static final String REMOTE_ROOT = "openim.remote.root";
    public static final String CACHE_VOLUMES = "openim.cache.volumes";
    public static final String RSYNC_IMAGE = "openim.rsync.image";
    public static final String RSYNC_PORT = "openim.rsync.port";
    public static final String SYNC_TRANSPORT = "openim.sync.transport";
    public static final String RSYNC_COMPRESS = "openim.rsync.compress";
    public static final String SYNC_EXCLUDES = "openim.sync.excludes";
    public static final String SYNC_GIT = "openim.sync.git";
    public static final String BUILD_USER = "openim.build.user";
    public static final String BUILD_NETWORK = "openim.build.network";
    public static final String PASS_ENV = "openim.pass.env";
    public static final String OUTPUT_SUBPATH = "openim.output.subpath";
    public static final String COPY_OUTPUT = "openim.copy.output";
    public static final String BUILD_COMMAND = "openim.build.command";
    public static final String COMMAND = "openim.command";

    public static final String IMAGES = "openim.images";
    public static final String IMAGES_DIRECTORY = "openim.images.directory";
    public static final String RUNTIME_BASE_IMAGE = "openim.base.image";
    public static final String RUNTIME_BASE_IMAGES = "openim.base.images";
    public static final String IMAGE_REGISTRY = "openim.docker.registry";
    public static final String IMAGE_TAG = "openim.docker.image.tag";
    public static final String EXTRA_TAGS = "openim.extra.tags";
    public static final String BUILD_PLATFORMS = "openim.build.platforms";
    public static final String IMAGE_THREADS = "openim.image.threads";
    public static final String ARCHIVE_COMPRESSION = "openim.archive.compression";
    public static final String ATTACH = "openim.attach";
    public static final String KEEP_IMAGES = "openim.keep.images";
    public static final String IMAGE_USER = "openim.image.user";

    public static final String INSECURE_REGISTRIES = "openim.insecure.registries";
    public static final String SKIP_PUSH = "openim.push.skip";

    public static final String CACHE_DIR = "openim.cache.dir";

    private PropertyNames() {}
}
