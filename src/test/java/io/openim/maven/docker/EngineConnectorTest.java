package io.openim.maven.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineConnectorTest {

    private final List<String> warnings = new ArrayList<>();
    private final List<String> opened = new ArrayList<>();

    private static final EngineEndpoint FIRST = EngineEndpoint.plain("tcp://first:2375", "dockerHost");
    private static final EngineEndpoint SECOND = EngineEndpoint.plain("unix:///var/run/docker.sock", "system socket");
    private static final EngineEndpoint THIRD =
            EngineEndpoint.plain("unix:///home/me/.docker/run/docker.sock", "user socket");

    private EngineConnector connector(Map<String, DockerEngine> answering) {
        return new EngineConnector(
                endpoint -> {
                    opened.add(endpoint.host());
                    DockerEngine engine = answering.get(endpoint.host());
                    if (engine == null) {
                        throw new IllegalStateException("Connection refused");
                    }
                    return engine;
                },
                warnings::add);
    }

    @Test
    void firstAnsweringEndpointWins() {
        FakeDockerEngine second = new FakeDockerEngine(SECOND.host());
        FakeDockerEngine third = new FakeDockerEngine(THIRD.host());

        DockerEngine engine =
                connector(Map.of(SECOND.host(), second, THIRD.host(), third)).connect(List.of(FIRST, SECOND, THIRD));

        assertSame(second, engine);
        assertEquals(List.of(FIRST.host(), SECOND.host()), opened, "stops at the first engine that answers");
        assertFalse(second.closed());
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("tcp://first:2375"), warnings.get(0));
    }

    @Test
    void noWarningWhenTheFirstEndpointAnswers() {
        FakeDockerEngine first = new FakeDockerEngine(FIRST.host());
        assertSame(first, connector(Map.of(FIRST.host(), first)).connect(List.of(FIRST, SECOND)));
        assertEquals(List.of(), warnings);
    }

    @Test
    void allFailingListsEveryEndpoint() {
        EngineUnavailableException e = assertThrows(
                EngineUnavailableException.class, () -> connector(Map.of()).connect(List.of(FIRST, SECOND, THIRD)));
        String message = e.getMessage();
        for (EngineEndpoint endpoint : List.of(FIRST, SECOND, THIRD)) {
            assertTrue(message.contains(endpoint.host()), message);
            assertTrue(message.contains(endpoint.source()), message);
        }
        assertTrue(message.contains("Connection refused"), message);
        assertTrue(
                message.indexOf(FIRST.host()) < message.indexOf(SECOND.host())
                        && message.indexOf(SECOND.host()) < message.indexOf(THIRD.host()),
                "listed in order: " + message);
        assertTrue(message.contains("openim.docker.host"), message);
    }

    @Test
    void tooOldEngineIsRefusedAndClosed() {
        FakeDockerEngine old = new FakeDockerEngine(FIRST.host()).withApiVersion("1.40");
        EngineException e = assertThrows(
                EngineException.class,
                () -> connector(Map.of(FIRST.host(), old)).connect(List.of(FIRST, SECOND)));
        assertTrue(e.getMessage().contains("1.41"), e.getMessage());
        assertTrue(e.getMessage().contains("1.40"), e.getMessage());
        assertTrue(old.closed());
    }

    @Test
    void minimumApiIsAccepted() {
        FakeDockerEngine exact = new FakeDockerEngine(FIRST.host()).withApiVersion("1.41");
        assertSame(exact, connector(Map.of(FIRST.host(), exact)).connect(List.of(FIRST)));
        FakeDockerEngine newer = new FakeDockerEngine(FIRST.host()).withApiVersion("1.100");
        assertSame(newer, connector(Map.of(FIRST.host(), newer)).connect(List.of(FIRST)));
    }
}
