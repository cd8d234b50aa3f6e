package io.keygate.web.support;

import jakarta.json.Json;
import java.io.StringWriter;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** A machine's side of enrollment, for tests: key pairs, certificate signing requests, and the POST itself over HTTP/1.1. */
public final class Enrollments {

    public static final String PATH = "api/v1/enrollments";
    /** HTTP/1.1 as machines' clients speak it; one connection per concurrent request. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    private Enrollments() {
    }

    public static KeyPair ecKeys() {
        try {
            KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
            ec.initialize(new ECGenParameterSpec("secp256r1"));
            return ec.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String csr(KeyPair keys, String signature) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaPKCS10CertificationRequestBuilder(new X500Principal("CN=machine"), keys.getPublic())
                    .build(new JcaContentSignerBuilder(signature).build(keys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return text.toString();
    }

    public static String csr() {
        return csr(ecKeys(), "SHA256withECDSA");
    }

    /** Enrolls a machine with a fresh ECDSA key; the answer as it came. */
    public static Response enroll(URL base, String key, String hostname, String fingerprint) {
        return enrollFrom(base, null, key, hostname, fingerprint);
    }

    /** Enrolls as a machine at {@code source} behind the trusted proxy. */
    public static Response enrollFrom(URL base, String source, String key, String hostname, String fingerprint) {
        return post(base, Json.createObjectBuilder().add("provisioningKey", key).add("hostname", hostname).add("fingerprint", fingerprint)
                .add("os", "Debian 13").add("csr", csr()).build().toString().getBytes(StandardCharsets.UTF_8), source);
    }

    public static Response post(URL base, byte[] body) {
        return post(base, body, null);
    }

    /**
     * The POST as if it came through the test server's trusted proxy (127.0.0.1, arquillian.xml) from {@code source}
     * over HTTPS (the proxy ends TLS); a null source sends no proxy headers.
     */
    public static Response post(URL base, byte[] body, String source) {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base.toString()).resolve(PATH)).timeout(Duration.ofSeconds(120))
                    .header("Content-Type", "application/json").header("Accept", "application/json");
            if (source != null) {
                builder.header("X-Forwarded-For", source).header("X-Forwarded-Proto", "https");
            }
            HttpRequest request = builder.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            ApiContract.check(request, response.statusCode(), response.headers(), response.body().getBytes(StandardCharsets.UTF_8));
            SecretHygiene.check(request.method(), request.uri(), response.statusCode(), response.body().getBytes(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
