package io.keygate.certificates.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.certificates.api.KeyAlgorithm;
import io.keygate.certificates.internal.CertificateAuthorities.Issued;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CertificateAuthoritiesTest {

    private final CertificateAuthorities authorities = new CertificateAuthorities();
    private final Instant now = Instant.parse("2026-11-26T12:00:00Z");

    @ParameterizedTest
    @EnumSource(KeyAlgorithm.class)
    void issuesASelfSignedRootValidForTenYears(KeyAlgorithm algorithm) throws Exception {
        X509Certificate root = authorities.root("Root", "Acme", algorithm, now).certificate();

        root.verify(root.getPublicKey());
        assertEquals(root.getSubjectX500Principal(), root.getIssuerX500Principal());
        assertTrue(root.getSubjectX500Principal().getName().contains("CN=Root"));
        assertTrue(root.getSubjectX500Principal().getName().contains("O=Acme"));
        assertEquals(Integer.MAX_VALUE, root.getBasicConstraints(), "a CA without path length limit");
        assertTrue(root.getKeyUsage()[5], "keyCertSign");
        assertEquals(Date.from(now), root.getNotBefore());
        assertTrue(Duration.between(now, root.getNotAfter().toInstant()).toDays() >= 3652);
        assertEquals(algorithm == KeyAlgorithm.RSA_2048 ? "RSA" : "EC", root.getPublicKey().getAlgorithm());
    }

    @Test
    void issuesAnIntermediateSignedByItsRootThatCannotSignOtherCas() throws Exception {
        Issued root = authorities.root("Root", "Acme", KeyAlgorithm.ECDSA_P256, now);
        X509Certificate client = authorities.intermediate("Client", "Acme", KeyAlgorithm.ECDSA_P256, root, now).certificate();

        client.verify(root.certificate().getPublicKey());
        assertEquals(root.certificate().getSubjectX500Principal(), client.getIssuerX500Principal());
        assertEquals(0, client.getBasicConstraints());
        assertThrows(SignatureException.class, () -> client.verify(client.getPublicKey()), "not self-signed");
    }

    @Test
    void givesEveryCertificateARandomSerialNumber() {
        X509Certificate first = authorities.root("Root", "Acme", KeyAlgorithm.ECDSA_P256, now).certificate();
        X509Certificate second = authorities.root("Root", "Acme", KeyAlgorithm.ECDSA_P256, now).certificate();

        assertNotEquals(first.getSerialNumber(), second.getSerialNumber());
        assertTrue(first.getSerialNumber().bitLength() > 64);
    }

    @Test
    void writesPemThatParsesBackAndAFingerprintOfTheDer() throws Exception {
        X509Certificate root = authorities.root("Root", "Acme", KeyAlgorithm.ECDSA_P256, now).certificate();

        String pem = CertificateAuthorities.pem(root);
        X509Certificate parsed = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));

        assertTrue(pem.startsWith("-----BEGIN CERTIFICATE-----"));
        assertFalse(pem.contains("PRIVATE KEY"));
        assertArrayEquals(root.getEncoded(), parsed.getEncoded());
        assertTrue(CertificateAuthorities.sha256Fingerprint(root).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"));
    }

    @Test
    void readsBackAStoredPrivateKeyThatStillSigns() throws Exception {
        Issued root = authorities.root("Root", "Acme", KeyAlgorithm.RSA_2048, now);
        Issued restored = new Issued(root.certificate(), CertificateAuthorities.privateKey(root.privateKey().getEncoded(), KeyAlgorithm.RSA_2048));

        X509Certificate client = authorities.intermediate("Client", "Acme", KeyAlgorithm.ECDSA_P256, restored, now).certificate();

        client.verify(root.certificate().getPublicKey());
        assertFalse(root.toString().contains("PRIVATE"), root.toString());
    }
}
