package io.openim.maven.docker;

/**
 * One place an engine may answer. {@code source} says where the address came from, for logs and
 * for the error that lists everything tried.
 */
public record EngineEndpoint(String host, String source, boolean tlsVerify, String certPath) {

    public static EngineEndpoint plain(String host, String source) {
        return new EngineEndpoint(host, source, false, null);
    }

    @Override
    public String toString() {
        return host + " (" + source + ")";
    }
}
