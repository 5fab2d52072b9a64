package io.openim.maven.docker.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.dockerjava.api.exception.DockerException;
import io.openim.maven.docker.CauseText;
import io.openim.maven.docker.EngineException;
import io.openim.maven.setting.Setting;
import io.openim.maven.util.Json;
import io.openim.maven.util.PrintableText;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.MalformedChunkCodingException;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.NoHttpResponseException;

/**
 * Every request to the engine goes through here, for two things: a bound on how long it may wait,
 * and one way of saying what went wrong.
 *
 * <p>A request that is not a stream must be answered within {@code engineTimeout}; past it the
 * transport is cut (the only way to end a read on every transport) and the goal fails naming the
 * request. A stream may stay quiet as long as the engine still answers: while it is silent the
 * engine is pinged on another connection, and an engine that does not answer the ping in time is
 * cut off the same way.
 *
 * <p>Failures become {@link EngineException}s naming the engine, the request in words and, when the
 * engine answered something that is not a Docker answer, the first characters of what came back,
 * made printable; never a parser's or the transport's own text.
 */
final class EngineCalls implements AutoCloseable {

    /** How often a silent stream's engine is asked whether it still answers. */
    static final Duration PING_INTERVAL = Duration.ofSeconds(30);

    /** Once the engine failed to answer, the clean-up's requests wait at most this long each. */
    static final Duration AFTER_SILENCE = Duration.ofSeconds(10);

    private static final int SHOWN_CHARACTERS = 80;

    /** A request's body; it may throw what the transport or the JSON reader throw. */
    interface Call<T> {
        T run() throws IOException;
    }

    /** A stream's body; it wraps the stream it reads with {@link Watch#watched}. */
    interface StreamCall<T> {
        T run(Watch watch) throws IOException;
    }

    private final String host;
    private final EngineTransport transport;
    private final Duration timeout;
    private final ScheduledExecutorService timer;
    private final ExecutorService pinger;
    private Runnable ping = () -> {};
    private volatile String silence;

    EngineCalls(String host, EngineTransport transport, Duration timeout) {
        this.host = host;
        this.transport = transport;
        this.timeout = timeout;
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("openim-engine-deadline"));
        this.pinger = Executors.newSingleThreadExecutor(daemon("openim-engine-ping"));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** What a ping does; set once the client exists. */
    void pingWith(Runnable value) {
        ping = value;
    }

    String host() {
        return host;
    }

    /** The bound of the next request: none for 0, shorter once the engine fell silent. */
    private Duration bound() {
        if (timeout.isZero() || silence == null) {
            return timeout;
        }
        return timeout.compareTo(AFTER_SILENCE) < 0 ? timeout : AFTER_SILENCE;
    }

    /** Runs a request that is not a stream, bounded by {@code engineTimeout}. */
    <T> T call(String what, Call<T> body) {
        long cutsBefore = transport.cuts();
        Duration bound = bound();
        AtomicBoolean late = new AtomicBoolean();
        ScheduledFuture<?> alarm = bound.isZero()
                ? null
                : timer.schedule(
                        () -> {
                            late.set(true);
                            silence = "it did not answer within " + bound.toSeconds() + " s when asked to " + what;
                            transport.cut();
                        },
                        bound.toMillis(),
                        TimeUnit.MILLISECONDS);
        try {
            return body.run();
        } catch (IOException | RuntimeException e) {
            if (late.get()) {
                throw noAnswer(what, bound);
            }
            throw failure(what, e, cutsBefore);
        } finally {
            if (alarm != null) {
                alarm.cancel(false);
            }
        }
    }

    void run(String what, Call<?> body) {
        call(what, body);
    }

    /**
     * Runs a stream: no bound on its silence, but while it is silent the engine is pinged every
     * {@link #PING_INTERVAL} (or {@code engineTimeout}, if shorter); no ping at all without a limit.
     */
    <T> T stream(String what, StreamCall<T> body) {
        long cutsBefore = transport.cuts();
        Watch watch = new Watch();
        ScheduledFuture<?> monitor = null;
        if (!timeout.isZero()) {
            long every = Math.min(PING_INTERVAL.toMillis(), timeout.toMillis());
            monitor = timer.scheduleWithFixedDelay(
                    () -> watch.checkAlive(every, what), every, every, TimeUnit.MILLISECONDS);
        }
        try {
            return body.run(watch);
        } catch (CallerSideFailure e) {
            throw e.unwrapped();
        } catch (IOException | RuntimeException e) {
            throw failure(what, e, cutsBefore);
        } finally {
            if (monitor != null) {
                monitor.cancel(false);
            }
        }
    }

    /** Notes when a stream last delivered anything, and pings the engine while it does not. */
    final class Watch {
        private volatile long lastActivity = System.nanoTime();
        private final AtomicBoolean pinging = new AtomicBoolean();

        InputStream watched(InputStream in) {
            return new FilterInputStream(in) {
                @Override
                public int read() throws IOException {
                    int b = in.read();
                    lastActivity = System.nanoTime();
                    return b;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int read = in.read(buffer, offset, length);
                    lastActivity = System.nanoTime();
                    return read;
                }
            };
        }

        private void checkAlive(long everyMillis, String what) {
            long quietMillis = (System.nanoTime() - lastActivity) / 1_000_000;
            if (quietMillis < everyMillis || !pinging.compareAndSet(false, true)) {
                return;
            }
            pinger.execute(() -> {
                try {
                    call("answer a ping", () -> {
                        ping.run();
                        return null;
                    });
                } catch (EngineException e) {
                    // A ping that got no answer was cut by its own deadline, which ended the stream
                    // too; cutting again would cut whatever the goal asks next (its clean-up), and a
                    // connection being opened at that moment escapes the cut and hangs for good.
                    if (e.reason() != EngineException.Reason.NO_ANSWER) {
                        silence = "a ping on another connection failed (" + e.getMessage() + ")";
                        transport.cut();
                    }
                } finally {
                    pinging.set(false);
                }
            });
        }
    }

    private EngineException noAnswer(String what, Duration bound) {
        return new EngineException(
                "The Docker engine at " + host + " did not answer within " + bound.toSeconds() + " s when asked to "
                        + what + ". Check that it still runs (`docker version`), or raise "
                        + Setting.ENGINE_TIMEOUT.describe() + ", where 0 means no limit.",
                EngineException.Reason.NO_ANSWER);
    }

    /** The failure of a request in the plugin's words. */
    EngineException failure(String what, Throwable e, long cutsBefore) {
        if (e instanceof EngineException engine) {
            return engine;
        }
        if (transport.cuts() != cutsBefore && silence != null) {
            return new EngineException(
                    "The Docker engine at " + host + " stopped answering while trying to " + what + ": " + silence
                            + ". Check that it still runs (`docker version`), or raise "
                            + Setting.ENGINE_TIMEOUT.describe() + ", where 0 means no limit.",
                    EngineException.Reason.NO_ANSWER);
        }
        EngineTransport.Answer answer = transport.lastAnswer();
        DockerException status = find(e, DockerException.class);
        if (status != null) {
            return statusError(what, status.getHttpStatus(), bodyOf(status));
        }
        if (find(e, JsonProcessingException.class) != null) {
            return badAnswer(what, answer, "with something that is not JSON");
        }
        if (find(e, MalformedChunkCodingException.class) != null) {
            return badAnswer(
                    what,
                    answer,
                    "with a broken chunked body ("
                            + find(e, MalformedChunkCodingException.class).getMessage() + ")");
        }
        if (find(e, HttpException.class) != null || find(e, MessageConstraintException.class) != null) {
            Throwable protocol = find(e, HttpException.class) != null
                    ? find(e, HttpException.class)
                    : find(e, MessageConstraintException.class);
            return badAnswer(
                    what,
                    answer,
                    "with something that is not HTTP (" + PrintableText.of(String.valueOf(protocol.getMessage()), 120)
                            + ")");
        }
        ConnectionClosedException closed = find(e, ConnectionClosedException.class);
        if (closed != null && answer != null) {
            return new EngineException(
                    "Lost the connection to the Docker engine at " + host + " while trying to " + what
                            + ": its answer broke off after " + answer.bytesRead() + " bytes of the body",
                    EngineException.Reason.CONNECTION_LOST,
                    null,
                    e);
        }
        if (find(e, NoHttpResponseException.class) != null) {
            return new EngineException(
                    "Lost the connection to the Docker engine at " + host + " while trying to " + what
                            + ": it closed the connection without answering",
                    EngineException.Reason.CONNECTION_LOST,
                    null,
                    e);
        }
        return new EngineException(
                "Lost the connection to the Docker engine at " + host + " while trying to " + what + ": "
                        + PrintableText.of(CauseText.of(e), 200),
                EngineException.Reason.CONNECTION_LOST,
                null,
                e);
    }

    /** A status of 300 or more: the engine's own error, or what answered in its place. */
    EngineException statusError(String what, int status, String body) {
        String trimmed = body == null ? "" : body.strip();
        boolean dockerError = false;
        try {
            dockerError = !trimmed.isEmpty() && Json.parse(trimmed).has("message");
        } catch (IOException notJson) {
            dockerError = false;
        }
        if (!dockerError && !trimmed.isEmpty()) {
            return new EngineException(
                    "The Docker engine at " + host + " answered the request to " + what + " with status " + status
                            + " and not a Docker error: '" + PrintableText.of(trimmed, SHOWN_CHARACTERS)
                            + "'. Is something else (a proxy, a web server) listening at that address?",
                    EngineException.Reason.BAD_ANSWER,
                    body,
                    null,
                    status);
        }
        String text = trimmed.isEmpty() ? "status " + status : CauseText.clean(trimmed);
        return new EngineException(
                "Docker engine at " + host + " could not " + what + ": " + text,
                reasonOf(status, text),
                body,
                null,
                status);
    }

    private EngineException badAnswer(String what, EngineTransport.Answer answer, String how) {
        StringBuilder message = new StringBuilder("The Docker engine at ")
                .append(host)
                .append(" answered the request to ")
                .append(what)
                .append(' ')
                .append(how);
        if (answer != null) {
            message.append(" (status ").append(answer.status());
            if (answer.contentType() != null) {
                message.append(", ").append(PrintableText.of(answer.contentType(), 60));
            }
            message.append(')');
            if (!answer.head().isEmpty()) {
                message.append(": '")
                        .append(PrintableText.of(answer.head(), SHOWN_CHARACTERS))
                        .append('\'');
            }
        }
        message.append(". Is something else (a proxy, a web server) listening at that address?");
        return new EngineException(message.toString(), EngineException.Reason.BAD_ANSWER);
    }

    /** The body docker-java put in its exception: "Status 404: {...}" or the body alone. */
    private static String bodyOf(DockerException e) {
        String text = e.getMessage() == null ? "" : e.getMessage();
        return text.replaceFirst("^Status \\d+:\\s*", "");
    }

    /** The typed reason of an engine's error: from its status and its words. */
    static EngineException.Reason reasonOf(int status, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("address already in use") || lower.contains("port is already allocated")) {
            return EngineException.Reason.PORT_IN_USE;
        }
        if (lower.contains("executable file not found")
                || lower.contains("no such file or directory") && lower.contains("exec")) {
            return EngineException.Reason.NO_EXECUTABLE;
        }
        if (lower.contains("unable to find user") || lower.contains("no matching entries in passwd file")) {
            return EngineException.Reason.UNKNOWN_USER;
        }
        if (lower.matches("(?s).*network \\S+ not found.*")) {
            return EngineException.Reason.NETWORK_MISSING;
        }
        if (lower.contains("no such image") || lower.contains("pull access denied")) {
            return EngineException.Reason.IMAGE_MISSING;
        }
        if (status == 404) {
            return EngineException.Reason.NOT_FOUND;
        }
        if (status == 409) {
            return EngineException.Reason.CONFLICT;
        }
        return EngineException.Reason.OTHER;
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        pinger.shutdownNow();
    }

    /**
     * A failure on the caller's side of a stream (writing the archive it saves to a full disk),
     * not the engine's: it travels through unchanged, as the {@link UncheckedIOException} it holds.
     */
    static final class CallerSideFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CallerSideFailure(IOException cause) {
            super(cause);
        }

        UncheckedIOException unwrapped() {
            return new UncheckedIOException((IOException) getCause());
        }
    }
}
