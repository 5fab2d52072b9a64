package io.openim.maven.docker;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The engine's answer: status, headers (names lower-cased) and body. Closing it hands the
 * connection back for the next request when the body was read to its end, else closes it.
 */
final class ApiResponse implements AutoCloseable {

    private final int status;
    private final Map<String, String> headers;
    private final InputStream body;
    private final EngineHttpClient.Link link;
    private final boolean reusable;
    private final EngineHttpClient client;

    ApiResponse(
            int status,
            Map<String, String> headers,
            InputStream body,
            EngineHttpClient.Link link,
            boolean reusable,
            EngineHttpClient client) {
        this.status = status;
        this.headers = Map.copyOf(headers);
        this.body = body;
        this.link = link;
        this.reusable = reusable;
        this.client = client;
    }

    int getStatusCode() {
        return status;
    }

    Map<String, String> headers() {
        return headers;
    }

    InputStream getBody() {
        return body;
    }

    @Override
    public void close() {
        boolean complete = body instanceof EngineHttpClient.Exhaustible exhaustible && exhaustible.exhausted();
        client.release(link, reusable && complete(complete));
    }

    private boolean complete(boolean known) {
        if (known) {
            return true;
        }
        try {
            // A short rest of an answer nobody read (an error body) is read away to keep the link.
            return body instanceof EngineHttpClient.Exhaustible exhaustible
                    && body.skip(1 << 16) >= 0
                    && exhaustible.exhausted();
        } catch (IOException e) {
            return false;
        }
    }
}
