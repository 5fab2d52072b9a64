package io.openim.maven.docker;

import com.github.dockerjava.core.util.CertificateUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The TLS material of an engine, laid out as the docker CLI keeps it: {@code ca.pem} (who signs
 * the engine's certificate), {@code cert.pem} and {@code key.pem} (this client's certificate) in
 * one directory, from {@code dockerCertPath}, DOCKER_CERT_PATH or a context's TLS store.
 *
 * @param verifyServer false only for a context made with {@code skip-tls-verify}
 * @param origin which setting or file named the directory, for messages
 */
public record EngineTls(Path directory, boolean verifyServer, String origin) {

    public Path ca() {
        return directory.resolve("ca.pem");
    }

    public Path cert() {
        return directory.resolve("cert.pem");
    }

    public Path key() {
        return directory.resolve("key.pem");
    }

    /**
     * Problems with the files, each naming the file and the fix; empty when they can be used. Read
     * before the first connection, so a typo never reaches the engine as a handshake error.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            problems.add("the TLS directory " + directory + " (" + origin + ") does not exist");
            return problems;
        }
        if (verifyServer && !Files.isRegularFile(ca())) {
            problems.add(ca() + " is missing: it holds the certificate authority that signed the engine's certificate");
        }
        boolean cert = Files.isRegularFile(cert());
        boolean key = Files.isRegularFile(key());
        if (cert != key) {
            problems.add((cert ? key() : cert()) + " is missing: a client certificate needs both cert.pem and key.pem");
        }
        return problems;
    }

    /** An SSL context that trusts {@code ca.pem} only and presents the client certificate, if any. */
    public SSLContext sslContext() throws IOException, GeneralSecurityException {
        // docker-java's PEM reading (any key format the CLI takes: PKCS#1, PKCS#8, EC) names the
        // BouncyCastle provider; it goes last in the list, so nothing else changes provider.
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
        KeyManager[] keys = null;
        if (Files.isRegularFile(cert()) && Files.isRegularFile(key())) {
            KeyStore keyStore = CertificateUtils.createKeyStore(read(key()), read(cert()));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keyStore, "docker".toCharArray());
            keys = factory.getKeyManagers();
        }
        TrustManager[] trust;
        if (!verifyServer) {
            trust = new TrustManager[] {new TrustingAnyServer()};
        } else {
            KeyStore trustStore = CertificateUtils.createTrustStore(read(ca()));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore);
            trust = factory.getTrustManagers();
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys, trust, null);
        return context;
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** What a context made with {@code skip-tls-verify=true} asks for: encryption without trust. */
    private static final class TrustingAnyServer implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
