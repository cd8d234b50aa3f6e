package io.keygate.web.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The HTTPS side of the server under test. Each test class starts its own server while the one before may still be
 * stopping, and Payara will not start on a taken port, so the servers bind the first free port from
 * {@code keygate.test.https.port} on ({@code --autobindssl}, arquillian.xml); this finds the one that is the server at
 * a plain-HTTP base, by {@link ServerIdentityProbe}.
 */
public final class TestHttps {

    /** How many ports Payara may move up (--autobindrange in arquillian.xml). */
    static final int AUTOBIND_RANGE = 20;

    private TestHttps() {
    }

    /** The HTTPS base URL ({@code https://127.0.0.1:<port>/}) of the server whose plain-HTTP base is {@code plainBase}. */
    public static URI base(URL plainBase) {
        try {
            String id = get(HttpClient.newHttpClient(), URI.create(plainBase + ServerIdentityProbe.PATH.substring(1)));
            HttpClient client = trustingTheTestCertificate();
            int first = Integer.parseInt(System.getProperty("keygate.test.https.port"));
            for (int port = first; port <= first + AUTOBIND_RANGE; port++) {
                URI candidate = URI.create("https://127.0.0.1:" + port + "/");
                try {
                    if (id.equals(get(client, candidate.resolve(ServerIdentityProbe.PATH.substring(1))))) {
                        return candidate;
                    }
                } catch (IOException notThisOne) {
                    // nothing there, or another server
                }
            }
            throw new IllegalStateException("no HTTPS port from " + first + " on belongs to the server at " + plainBase);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A client that trusts the test servers' certificate and nothing else, as the enrollment client's --ca-file does. */
    public static HttpClient trustingTheTestCertificate() {
        try {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            anchors.load(null, null);
            try (InputStream pem = Files.newInputStream(certificate())) {
                anchors.setCertificateEntry("keygate", CertificateFactory.getInstance("X.509").generateCertificate(pem));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(anchors);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The test servers' certificate (PEM), made by {@code EmbeddedPostgresSession}. */
    public static Path certificate() {
        return Path.of(System.getProperty("keygate.test.tls.certificate"));
    }

    private static String get(HttpClient client, URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(uri + " answered " + response.statusCode());
        }
        return response.body().trim();
    }
}
