package io.keygate.enroll;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Which server certificate the client accepts: by default what Java trusts (public CAs), with {@code --ca-file} the
 * CAs of a PEM file instead (the name in the certificate must still match the server), or with {@code --server-sha256}
 * exactly one certificate, by the SHA-256 fingerprint {@code ./keygate run} prints: a pinned certificate is the
 * server's identity, so neither a CA nor the name is checked then.
 */
final class ServerTrust {

    private ServerTrust() {
    }

    static SSLContext context(Path caFile, String serverSha256) throws IOException, GeneralSecurityException {
        if (caFile != null && serverSha256 != null) {
            throw new IllegalArgumentException("Give --ca-file or --server-sha256, not both.");
        }
        if (caFile == null && serverSha256 == null) {
            return SSLContext.getDefault();
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {caFile != null ? caTrust(caFile) : new Pinned(fingerprint(serverSha256))}, null);
        return context;
    }

    /** The 32 bytes of a SHA-256 fingerprint written in hex, with or without colons, in either case. */
    static byte[] fingerprint(String text) {
        String hex = text.strip().replace(":", "").toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("--server-sha256 must be the certificate's SHA-256 fingerprint: 64 hex digits, "
                    + "colons allowed (AB:CD:...), not '" + text.strip() + "'.");
        }
        return HexFormat.of().parseHex(hex);
    }

    private static TrustManager caTrust(Path caFile) throws IOException, GeneralSecurityException {
        Collection<? extends java.security.cert.Certificate> certificates;
        try {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(Files.readAllBytes(caFile)));
        } catch (CertificateException notPem) {
            throw new IllegalArgumentException("--ca-file " + caFile + " holds no readable certificate (PEM expected).");
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("--ca-file " + caFile + " holds no certificate.");
        }
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        int i = 0;
        for (java.security.cert.Certificate certificate : certificates) {
            anchors.setCertificateEntry("ca-" + i++, certificate);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(anchors);
        return factory.getTrustManagers()[0];
    }

    /** Accepts the one server certificate whose SHA-256 is the pin. */
    private static final class Pinned extends X509ExtendedTrustManager {

        private final byte[] pin;

        Pinned(byte[] pin) {
            this.pin = pin.clone();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("the server sent no certificate");
            }
            byte[] actual;
            try {
                actual = MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded());
            } catch (GeneralSecurityException e) {
                throw new CertificateException(e);
            }
            if (!MessageDigest.isEqual(pin, actual)) {
                throw new CertificateException("the server's certificate has the SHA-256 fingerprint " + colons(actual)
                        + ", not the one given with --server-sha256");
            }
            chain[0].checkValidity();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("the enrollment client authenticates no one");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    static String colons(byte[] digest) {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }
}
