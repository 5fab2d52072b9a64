package io.openim.maven.docker;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request to the Engine API: method, path (with its query), headers and a body of bytes or a
 * stream (sent chunked, e.g. a build context or an image archive).
 */
record ApiRequest(Method method, String path, Map<String, String> headers, byte[] bodyBytes, InputStream body) {

    enum Method {
        GET,
        POST,
        PUT,
        DELETE
    }

    static Builder builder(Method method, String path) {
        return new Builder(method, path);
    }

    /** Whether the same request can be sent again on a fresh connection (nothing streamed yet). */
    boolean repeatable() {
        return body == null;
    }

    static final class Builder {
        private final Method method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private byte[] bodyBytes;
        private InputStream body;

        private Builder(Method method, String path) {
            this.method = method;
            this.path = path;
        }

        Builder putHeader(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Builder bodyBytes(byte[] value) {
            bodyBytes = value;
            return this;
        }

        Builder body(InputStream value) {
            body = value;
            return this;
        }

        ApiRequest build() {
            return new ApiRequest(method, path, Map.copyOf(headers), bodyBytes, body);
        }
    }
}
