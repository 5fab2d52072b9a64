package io.openim.maven.docker;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Everything the plugin asks of a Docker engine. Only JDK types cross this boundary so that
 * services can be tested against a fake and the wire protocol stays inside one implementation.
 */
public interface DockerEngine extends AutoCloseable {

    /** The address the engine answered on, e.g. {@code unix:///var/run/docker.sock}. */
    String host();

    /** What {@code /version} said when the engine was opened. */
    EngineVersion version();

    /** Whether the engine runs rootless, where container uid 0 is the host user. */
    boolean rootless();

    /**
     * Whether the engine runs on this machine (a Unix socket or a loopback address), so that a
     * port it publishes on its 127.0.0.1 is this machine's 127.0.0.1.
     */
    default boolean onThisMachine() {
        return EngineAddress.isOnThisMachine(host());
    }

    /**
     * Starts {@code command} in the running container {@code containerId} with stdin and stdout
     * carried over the engine connection; stderr lines go to {@code errors}.
     */
    ExecStream execStream(String containerId, List<String> command, Consumer<String> errors);

    Optional<ImageInfo> inspectImage(String reference);

    /**
     * Builds an image from a tar stream holding the context. Each output line is handed to
     * {@code output} as it arrives. Returns the new image id.
     *
     * @throws EngineBuildException when the Dockerfile fails; it carries the last lines
     */
    String buildImage(ImageBuildRequest request, InputStream contextTar, Consumer<String> output);

    List<ImageInfo> listImages(Map<String, String> labels);

    /** Pulls an image for a platform ({@code linux/arm64}), waiting until it is there. */
    void pullImage(String reference, String platform);

    /** {@code docker load} of an archive stream. */
    void loadImage(InputStream archive);

    void removeImage(String reference);

    /**
     * Streams {@code docker save} of the given references (tags of one image) into {@code target},
     * never holding it in memory; every reference is in the archive.
     */
    void saveImage(List<String> references, OutputStream target);

    List<ContainerInfo> listContainers(Map<String, String> labels);

    Optional<ContainerInfo> inspectContainer(String nameOrId);

    /** Creates a container and returns its id. */
    String createContainer(ContainerSpec spec);

    /** Unpacks a tar stream into a (created, not yet started) container at {@code path}. */
    void copyToContainer(String containerId, String path, InputStream tar);

    /**
     * Streams {@code path} of a container (running or not) as the engine's tar into {@code target},
     * never holding it in memory; the entries are named from the path's last element on. A write to
     * {@code target} that fails comes out as an {@link java.io.UncheckedIOException}, an absent
     * container or path as {@link EngineException.Reason#NOT_FOUND}.
     */
    void copyFromContainer(String containerId, String path, OutputStream target);

    void startContainer(String containerId);

    /** Removes a container, running or not, with its anonymous volumes; absent is fine. */
    void removeContainer(String containerId);

    /**
     * Attaches to the output of a created container before it is started, so that nothing it
     * prints is missed (as {@code docker run} does); start it, then {@link ContainerOutput#follow}.
     */
    ContainerOutput attachOutput(String containerId);

    /**
     * {@link #attachOutput}, and the container's stdin (it must be created with {@code openStdin})
     * fed from {@code stdin} over the same connection, until {@code stdin} ends.
     */
    ContainerOutput attachOutput(String containerId, InputStream stdin);

    /** The last lines a container wrote. */
    String logs(String containerId, int tailLines);

    /** The host port that a published container port was bound to, once the container runs. */
    Optional<Integer> publishedPort(String containerId, int containerPort);

    /**
     * Runs a created container attached to this process's terminal (stdin, stdout, stderr) until it
     * exits, and returns its exit code. The container is left for the caller to remove.
     */
    int attachInteractive(String containerId);

    String createVolume(String name, Map<String, String> labels);

    List<VolumeInfo> listVolumes(Map<String, String> labels);

    void removeVolume(String name);

    @Override
    void close();
}
