package io.openim.maven.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** The adapter turns docker-java's failures into typed reasons and the engine's own words. */
class EngineFailureTest {

    private static EngineException.Reason reason(Throwable e) {
        return DockerJavaEngine.reasonOf(e, CauseText.of(e));
    }

    @Test
    void theEnginesJsonIsUnwrappedToItsMessage() {
        assertEquals(
                "No such container: abc", CauseText.clean("Status 404: {\"message\":\"No such container: abc\"}\n"));
        assertEquals("a \"quoted\" word\nnext", CauseText.clean("{\"message\":\"a \\\"quoted\\\" word\\nnext\"}"));
        assertEquals("plain text", CauseText.clean("Status 500: plain text"));
        assertEquals(
                "unable to find user x",
                CauseText.of(new InternalServerErrorException("Status 500: {\"message\":\"unable to find user x\"}")));
    }

    @Test
    void failuresGetTheirReason() {
        assertEquals(
                EngineException.Reason.PORT_IN_USE,
                reason(new InternalServerErrorException(
                        "{\"message\":\"driver failed programming external connectivity: Bind for 127.0.0.1:18730 failed:"
                                + " port is already allocated\"}")));
        assertEquals(
                EngineException.Reason.PORT_IN_USE,
                reason(new InternalServerErrorException(
                        "{\"message\":\"listen tcp4 127.0.0.1:18730: bind: address already in use\"}")));
        assertEquals(
                EngineException.Reason.NO_EXECUTABLE,
                reason(
                        new InternalServerErrorException(
                                "{\"message\":\"OCI runtime create failed: exec: \\\"rsync\\\": executable file not found in $PATH\"}")));
        assertEquals(
                EngineException.Reason.UNKNOWN_USER,
                reason(new InternalServerErrorException(
                        "{\"message\":\"unable to find user nosuchuser: no matching entries in passwd file\"}")));
        assertEquals(
                EngineException.Reason.NETWORK_MISSING,
                reason(new NotFoundException("{\"message\":\"network nonexistent not found\"}")));
        assertEquals(
                EngineException.Reason.IMAGE_MISSING,
                reason(new NotFoundException("{\"message\":\"No such image: openim-it/x:1\"}")));
        assertEquals(
                EngineException.Reason.NOT_FOUND,
                reason(new NotFoundException("{\"message\":\"No such container: abc\"}")));
        assertEquals(
                EngineException.Reason.CONFLICT,
                reason(new ConflictException("{\"message\":\"removal of container abc is already in progress\"}")));
        assertEquals(
                EngineException.Reason.CONNECTION_LOST,
                reason(new UncheckedIOException(new IOException("Broken pipe"))));
        assertEquals(
                EngineException.Reason.CONNECTION_LOST,
                reason(new RuntimeException(new IOException("Premature end of chunk coded message body"))));
        assertEquals(EngineException.Reason.OTHER, reason(new InternalServerErrorException("{\"message\":\"odd\"}")));
    }
}
