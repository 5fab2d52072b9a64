package io.openim.maven.docker.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.openim.maven.docker.CauseText;
import io.openim.maven.docker.EngineException;
import org.junit.jupiter.api.Test;

/** The engine's error replies turned into typed reasons and the engine's own words. */
class EngineFailureTest {

    private static EngineException.Reason reason(int status, String body) {
        return EngineCalls.reasonOf(status, CauseText.clean(body));
    }

    @Test
    void theEnginesJsonIsUnwrappedToItsMessage() {
        assertEquals(
                "No such container: abc", CauseText.clean("Status 404: {\"message\":\"No such container: abc\"}\n"));
        assertEquals("a \"quoted\" word\nnext", CauseText.clean("{\"message\":\"a \\\"quoted\\\" word\\nnext\"}"));
        assertEquals("plain text", CauseText.clean("Status 500: plain text"));
        assertEquals(
                "unable to find user x",
                CauseText.of(new EngineException(
                        CauseText.clean("{\"message\":\"unable to find user x\"}"), EngineException.Reason.OTHER)));
    }

    @Test
    void failuresGetTheirReason() {
        assertEquals(
                EngineException.Reason.PORT_IN_USE,
                reason(
                        500,
                        "{\"message\":\"driver failed programming external connectivity: Bind for 127.0.0.1:18730 failed:"
                                + " port is already allocated\"}"));
        assertEquals(
                EngineException.Reason.PORT_IN_USE,
                reason(500, "{\"message\":\"listen tcp4 127.0.0.1:18730: bind: address already in use\"}"));
        assertEquals(
                EngineException.Reason.NO_EXECUTABLE,
                reason(
                        400,
                        "{\"message\":\"OCI runtime create failed: exec: \\\"rsync\\\": executable file not found in $PATH\"}"));
        assertEquals(
                EngineException.Reason.UNKNOWN_USER,
                reason(500, "{\"message\":\"unable to find user nosuchuser: no matching entries in passwd file\"}"));
        assertEquals(
                EngineException.Reason.NETWORK_MISSING, reason(404, "{\"message\":\"network nonexistent not found\"}"));
        assertEquals(
                EngineException.Reason.IMAGE_MISSING, reason(404, "{\"message\":\"No such image: openim-it/x:1\"}"));
        assertEquals(EngineException.Reason.NOT_FOUND, reason(404, "{\"message\":\"No such container: abc\"}"));
        assertEquals(
                EngineException.Reason.CONFLICT,
                reason(409, "{\"message\":\"removal of container abc is already in progress\"}"));
        assertEquals(EngineException.Reason.OTHER, reason(500, "{\"message\":\"odd\"}"));
    }
}
