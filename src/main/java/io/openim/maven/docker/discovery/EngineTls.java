package io.openim.maven.docker.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

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
        KeyManager[] keys = null;
        if (Files.isRegularFile(cert()) && Files.isRegularFile(key())) {
            KeyStore keyStore = KeyStore.getInstance(KeyStore.getDefaultType());
            keyStore.load(null, null);
            List<Certificate> chain = certificates(cert());
            keyStore.setKeyEntry("client", privateKey(key()), KEY_PASSWORD, chain.toArray(Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keyStore, KEY_PASSWORD);
            keys = factory.getKeyManagers();
        }
        TrustManager[] trust;
        if (!verifyServer) {
            trust = new TrustManager[] {new TrustingAnyServer()};
        } else {
            KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
            trustStore.load(null, null);
            int i = 0;
            for (Certificate authority : certificates(ca())) {
                trustStore.setCertificateEntry("ca-" + i++, authority);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore);
            trust = factory.getTrustManagers();
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys, trust, null);
        return context;
    }

    /** Only in memory, for the key manager; the key file itself has none. */
    private static final char[] KEY_PASSWORD = "openim".toCharArray();

    private static List<Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            List<Certificate> certificates =
                    new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
            if (certificates.isEmpty()) {
                throw new GeneralSecurityException(file + " holds no certificate");
            }
            return certificates;
        }
    }

    /**
     * The client's key in any PEM form the docker CLI takes: PKCS#8 ("PRIVATE KEY"), PKCS#1 ("RSA
     * PRIVATE KEY") or SEC1 ("EC PRIVATE KEY"). BouncyCastle's parser reads all three; its classes
     * load only when TLS is used.
     */
    private static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        try (PEMParser parser = new PEMParser(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
                if (item instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
            }
        }
        throw new GeneralSecurityException(file + " holds no private key (an encrypted key is not supported)");
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
