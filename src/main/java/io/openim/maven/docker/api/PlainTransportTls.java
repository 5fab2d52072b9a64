package io.openim.maven.docker.api;

import java.security.Provider;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The TLS context handed to the transport for an engine reached without TLS (a Unix socket, plain
 * TCP). docker-java's transport sets up a TLS strategy for every client, and without a context of
 * its own it takes the JDK's default one, which reads the whole system trust store: about 0.3 s of
 * CPU in each goal for nothing. This context is never used for a plain connection; if it ever were,
 * it fails instead of talking TLS without the engine's certificate checked.
 */
final class PlainTransportTls {

    private static final SSLContext CONTEXT = new SSLContext(
            new Refusing(),
            new Provider("openim-plain-engine", "1", "no TLS for an engine reached without it") {},
            "none") {};

    private PlainTransportTls() {}

    static SSLContext context() {
        return CONTEXT;
    }

    private static final class Refusing extends SSLContextSpi {
        private static IllegalStateException refused() {
            return new IllegalStateException("TLS is off for this engine; set dockerTlsVerify to use it");
        }

        @Override
        protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random) {
            throw refused();
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw refused();
        }
    }
}
