package io.openim.maven.docker.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.api.model.VolumesFrom;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Gets docker-java ready off the goal's thread while the goal reads its settings: on the shared
 * mapper, what a no-op build asks of the model (a container created, with its host config), then
 * httpclient5's classes (a client is built; it connects only on a request). In a fresh JVM these
 * cost a few hundred ms the first time, which the goal's thread would otherwise wait for. Once per
 * JVM.
 */
final class ClientWarmUp {

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private ClientWarmUp() {}

    static void start() {
        TransportLogging.quiet();
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread thread = new Thread(ClientWarmUp::warm, "openim-engine-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private static void warm() {
        try {
            URI nowhere = URI.create("unix:///nonexistent/openim-warm-up.sock");
            ObjectMapper mapper = EngineClientConfig.mapper();
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
            // The goal's thread builds its own client at once; this one catches what is left.
            EngineOpener.httpClient(nowhere, null).close();
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
