package io.openim.maven.docker.discovery;

import io.openim.maven.docker.CauseText;
import io.openim.maven.setting.Setting;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Why an engine did not answer, in words that say what to do about it: one kind of failure, one
 * fix. Only a local engine where nothing listens gets the advice to start Docker; a refused
 * certificate is not fixed by starting anything.
 */
final class ConnectFailure {

    /** What went wrong and how to fix it; {@code nothingListensHere} when starting a local engine would help. */
    record Explained(String text, boolean nothingListensHere) {}

    private ConnectFailure() {}

    static Explained explain(EngineEndpoint endpoint, Throwable failure) {
        String all = chainText(failure);
        String lower = all.toLowerCase(Locale.ROOT);
        URI uri = URI.create(endpoint.host());
        boolean unix = "unix".equals(uri.getScheme());
        String where =
                unix ? uri.getPath() : uri.getHost() + ":" + (uri.getPort() == -1 ? "default port" : uri.getPort());
        String tlsDir = endpoint.usesTls() ? endpoint.tls().directory().toString() : null;

        if (unix && lower.contains("no such file or directory")) {
            return new Explained("no socket at " + where + ": no Docker engine runs here", true);
        }
        if (unix && lower.contains("permission denied")) {
            return new Explained(
                    "this user may not use " + where + ": add it to the docker group (`sudo usermod -aG"
                            + " docker $USER`, then log in again) or point " + Setting.DOCKER_HOST.describe()
                            + " at a rootless engine's socket",
                    false);
        }
        if (has(failure, ConnectException.class) || lower.contains("connection refused")) {
            if (unix) {
                return new Explained(
                        "the socket " + where + " exists but nothing listens on it: the engine stopped", true);
            }
            if (endpoint.onThisMachine()) {
                return new Explained("nothing listens on " + where + " of this machine", true);
            }
            return new Explained(
                    uri.getHost() + " refused the connection on port " + uri.getPort() + ": no engine"
                            + " listens there (dockerd -H tcp://0.0.0.0:PORT; 2375 is the usual plain port, 2376 the TLS"
                            + " one) or a firewall rejects it",
                    false);
        }
        boolean cutOff = lower.contains("connection reset")
                || lower.contains("broken pipe")
                || lower.contains("closed the connection without answering");
        if (!unix && !endpoint.usesTls() && cutOff) {
            return new Explained(
                    "the engine at " + where + " reset the connection, as a TLS endpoint (usually port"
                            + " 2376) does to plain text: set " + Setting.DOCKER_TLS_VERIFY.describe("true") + " with "
                            + Setting.DOCKER_CERT_PATH.describe() + ", or DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH",
                    false);
        }
        if (has(failure, UnknownHostException.class)) {
            return new Explained("the host name " + uri.getHost() + " does not resolve: check the address", false);
        }
        if (lower.contains("unsupported or unrecognized ssl message") || lower.contains("plaintext connection")) {
            return new Explained(
                    "TLS is on, but the engine at " + where + " does not speak TLS: drop "
                            + Setting.DOCKER_TLS_VERIFY.describe()
                            + " / DOCKER_TLS_VERIFY, or use the engine's TLS port",
                    false);
        }
        if (lower.contains("pkix path")
                || lower.contains("certpathvalidator")
                || lower.contains("unable to find valid certification path")) {
            return new Explained(
                    "the engine's certificate is not signed by the authority in " + tlsDir + "/ca.pem:"
                            + " put the CA that signed the engine's certificate (dockerd --tlscert) there, or point "
                            + Setting.DOCKER_CERT_PATH.describe() + " at the right directory",
                    false);
        }
        if (lower.contains("subject alternative name")
                || lower.contains("doesn't match any of the subject")
                || lower.contains("no name matching")) {
            return new Explained(
                    "the engine's certificate does not name " + uri.getHost() + ": connect by a name or"
                            + " address the certificate lists, or reissue it with " + uri.getHost()
                            + " in subjectAltName",
                    false);
        }
        // dockerd says so with an alert; TLS fronts such as stunnel just reset the connection.
        if (lower.contains("bad_certificate")
                || lower.contains("certificate_required")
                || lower.contains("unknown_ca")
                || lower.contains("certificate_unknown")
                || lower.contains("access_denied")
                || (endpoint.usesTls() && cutOff)) {
            boolean hasClientCert = endpoint.usesTls()
                    && java.nio.file.Files.isRegularFile(endpoint.tls().cert());
            return new Explained(
                    hasClientCert
                            ? "the engine refused this client's certificate (" + tlsDir
                                    + "/cert.pem): it must be signed by the"
                                    + " CA the engine trusts (dockerd --tlscacert)"
                            : "the engine wants a client certificate and " + tlsDir
                                    + " has none: put cert.pem and key.pem"
                                    + " there, signed by the CA the engine trusts",
                    false);
        }
        if (has(failure, SSLException.class)) {
            return new Explained(
                    "the TLS handshake with " + where + " failed (" + CauseText.of(failure) + "): check"
                            + " ca.pem, cert.pem and key.pem in " + tlsDir
                            + " and that the engine runs with --tlsverify",
                    false);
        }
        if (has(failure, SocketTimeoutException.class)) {
            if (lower.contains("connect timed out") || lower.contains("connect timeout")) {
                return new Explained(
                        "no connection to " + where + " within "
                                + ConnectTimeouts.CONNECT.toSeconds()
                                + " s: the host is down or a firewall drops the"
                                + " packets",
                        false);
            }
            return new Explained(
                    "the connection to " + where + " was accepted, but nothing answered /version within "
                            + ConnectTimeouts.FIRST_ANSWER.toSeconds()
                            + " s: something other than a Docker engine"
                            + " listens there, or the engine hangs (a TLS port needs "
                            + Setting.DOCKER_TLS_VERIFY.describe("true")
                            + ")",
                    false);
        }
        return new Explained(CauseText.of(failure), false);
    }

    private static boolean has(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String chainText(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            text.append(t.getClass().getName())
                    .append(": ")
                    .append(t.getMessage())
                    .append('\n');
        }
        return text.toString();
    }
}
