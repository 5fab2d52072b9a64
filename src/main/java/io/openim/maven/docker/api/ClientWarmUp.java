package io.openim.maven.docker.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.api.model.VolumesFrom;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Gets docker-java ready off the goal's thread while the goal reads its settings: httpclient5's
 * classes (a client is built; it connects only on a request), and, on the shared mapper, what a
 * no-op build asks of the model (a container inspected, one created). In a fresh JVM these cost
 * about 0.4 s the first time, which the goal's thread would otherwise wait for. Once per JVM.
 */
final class ClientWarmUp {

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    /** An inspect answer with the parts a no-op build reads (state, config, ports). */
    private static final String INSPECT = "{\"Id\":\"0\",\"Name\":\"/w\",\"State\":{\"Status\":\"exited\","
            + "\"Running\":false,\"ExitCode\":0},\"Config\":{\"Image\":\"i\",\"Labels\":{\"a\":\"b\"},"
            + "\"Env\":[\"A=B\"],\"Cmd\":[\"c\"]},\"HostConfig\":{\"NetworkMode\":\"none\",\"Binds\":[\"v:/w\"]},"
            + "\"NetworkSettings\":{\"Ports\":{\"8730/tcp\":[{\"HostIp\":\"127.0.0.1\",\"HostPort\":\"1\"}]}},"
            + "\"Mounts\":[{\"Type\":\"volume\",\"Name\":\"v\",\"Destination\":\"/w\"}]}";

    private ClientWarmUp() {}

    static void start() {
        TransportLogging.quiet();
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(ClientWarmUp::warm, "openim-engine-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private static void warm() {
        try {
            URI nowhere = URI.create("unix:///nonexistent/openim-warm-up.sock");
            EngineOpener.httpClient(nowhere, null).close();
            ObjectMapper mapper = EngineClientConfig.mapper();
            mapper.readValue(INSPECT.getBytes(StandardCharsets.UTF_8), InspectContainerResponse.class);
            mapper.readValue("{\"Id\":\"0\",\"Warnings\":[]}", CreateContainerResponse.class);
            DockerClient client = DockerClientImpl.getInstance(new EngineClientConfig(nowhere), new Unused());
            Ports ports = new Ports();
            ports.bind(ExposedPort.tcp(1), Ports.Binding.bindIp("127.0.0.1"));
            mapper.writeValueAsBytes(client.createContainerCmd("i")
                    .withName("w")
                    .withLabels(Map.of("a", "b"))
                    .withEnv(List.of("A=B"))
                    .withEntrypoint(List.of("e"))
                    .withCmd(List.of("c"))
                    .withExposedPorts(List.of(ExposedPort.tcp(1)))
                    .withHostConfig(HostConfig.newHostConfig()
                            .withVolumesFrom(new VolumesFrom("d"))
                            .withBinds(List.of(new Bind("v", new Volume("/w"))))
                            .withPortBindings(ports)
                            .withNetworkMode("none")));
        } catch (Exception | LinkageError e) {
            // Only a head start: the real calls load whatever this did not.
        }
    }

    /** The warm-up's client never sends anything. */
    private static final class Unused implements DockerHttpClient {
        @Override
        public Response execute(Request request) {
            throw new IllegalStateException("the warm-up sends no request");
        }

        @Override
        public void close() {}
    }
}
