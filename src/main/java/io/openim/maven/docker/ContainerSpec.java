package io.openim.maven.docker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything needed to create a container; built with {@link #builder(String, String)}. */
public record ContainerSpec(
        String name,
        String image,
        List<String> entrypoint,
        List<String> command,
        Map<String, String> env,
        Map<String, String> labels,
        String user,
        String workingDir,
        Map<String, String> volumeMounts,
        Map<String, String> bindMounts,
        List<String> volumesFrom,
        Map<Integer, PortBinding> ports,
        String networkMode,
        String hostname,
        boolean tty,
        boolean openStdin) {

    /** A container port published on {@code hostIp}; {@code hostPort} 0 lets the engine pick. */
    public record PortBinding(String hostIp, int hostPort) {}

    public static Builder builder(String name, String image) {
        return new Builder(name, image);
    }

    /** Collects the optional parts of a spec. */
    public static final class Builder {
        private final String name;
        private final String image;
        private List<String> entrypoint;
        private List<String> command = List.of();
        private final Map<String, String> env = new LinkedHashMap<>();
        private final Map<String, String> labels = new LinkedHashMap<>();
        private String user;
        private String workingDir;
        private final Map<String, String> volumeMounts = new LinkedHashMap<>();
        private final Map<String, String> bindMounts = new LinkedHashMap<>();
        private final List<String> volumesFrom = new ArrayList<>();
        private final Map<Integer, PortBinding> ports = new LinkedHashMap<>();
        private String networkMode;
        private String hostname;
        private boolean tty;
        private boolean openStdin;

        private Builder(String name, String image) {
            this.name = name;
            this.image = image;
        }

        public Builder entrypoint(List<String> value) {
            entrypoint = List.copyOf(value);
            return this;
        }

        public Builder command(List<String> value) {
            command = List.copyOf(value);
            return this;
        }

        public Builder env(Map<String, String> value) {
            env.putAll(value);
            return this;
        }

        public Builder labels(Map<String, String> value) {
            labels.putAll(value);
            return this;
        }

        public Builder user(String value) {
            user = value;
            return this;
        }

        public Builder workingDir(String value) {
            workingDir = value;
            return this;
        }

        /** Mounts the named volume at a path inside the container. */
        public Builder volume(String volumeName, String containerPath) {
            volumeMounts.put(volumeName, containerPath);
            return this;
        }

        /**
         * Mounts a directory of the engine's machine at a path inside the container; the engine
         * refuses a directory it does not have rather than creating an empty one.
         */
        public Builder bind(String hostPath, String containerPath) {
            bindMounts.put(hostPath, containerPath);
            return this;
        }

        public Builder volumesFrom(String container) {
            volumesFrom.add(container);
            return this;
        }

        public Builder publish(int containerPort, String hostIp, int hostPort) {
            ports.put(containerPort, new PortBinding(hostIp, hostPort));
            return this;
        }

        public Builder networkMode(String value) {
            networkMode = value;
            return this;
        }

        public Builder hostname(String value) {
            hostname = value;
            return this;
        }

        public Builder tty(boolean value) {
            tty = value;
            return this;
        }

        /** Keeps stdin open for an interactive attach ({@code docker run -i}). */
        public Builder openStdin(boolean value) {
            openStdin = value;
            return this;
        }

        public ContainerSpec build() {
            return new ContainerSpec(
                    name,
                    image,
                    entrypoint,
                    command,
                    Map.copyOf(env),
                    Map.copyOf(labels),
                    user,
                    workingDir,
                    Map.copyOf(volumeMounts),
                    Map.copyOf(bindMounts),
                    List.copyOf(volumesFrom),
                    Map.copyOf(ports),
                    networkMode,
                    hostname,
                    tty,
                    openStdin);
        }
    }
}
