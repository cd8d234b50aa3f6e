package io.keygate.certificates.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.certificates.api.KeyAlgorithm;
import io.keygate.certificates.internal.CertificateAuthorities.Issued;
import io.keygate.platform.api.InvalidInputException;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

class ClientCertificatesTest {

    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private final Instant now = Instant.parse("2026-11-27T12:00:00Z");
    private final Issued authority = new CertificateAuthorities().root("Client", "Acme", KeyAlgorithm.ECDSA_P256, now.minusSeconds(60));

    @Test
    void issuesAClientCertificateForAnEcdsaP256RequestUnderTheCa() throws Exception {
        KeyPair machine = ec("secp256r1");
        PublicKey key = ClientCertificates.requireValidRequest(csr(machine, "SHA256withECDSA"));

        X509Certificate certificate = ClientCertificates.issue(key, "build-07.example", "Acme", authority, now, Duration.ofDays(365));

        certificate.verify(authority.certificate().getPublicKey());
        assertEquals(machine.getPublic(), certificate.getPublicKey());
        assertEquals(new X500Principal("OU=Keygate machine, O=Acme, CN=build-07.example"), certificate.getSubjectX500Principal());
        assertEquals(authority.certificate().getSubjectX500Principal(), certificate.getIssuerX500Principal());
        assertEquals(-1, certificate.getBasicConstraints(), "not a CA");
        assertEquals(List.of(CLIENT_AUTH), certificate.getExtendedKeyUsage());
        assertTrue(certificate.getKeyUsage()[0], "digitalSignature");
        assertFalse(certificate.getKeyUsage()[5], "no keyCertSign");
        assertEquals(Date.from(now), certificate.getNotBefore());
        assertEquals(Date.from(now.plus(Duration.ofDays(365))), certificate.getNotAfter());
    }

    @Test
    void acceptsRsaOf2048BitsAndMoreAndRefusesLessNamingTheSize() throws Exception {
        for (int bits : new int[] {2048, 3072}) {
            PublicKey key = ClientCertificates.requireValidRequest(csr(rsa(bits), "SHA256withRSA"));
            X509Certificate certificate = ClientCertificates.issue(key, "rsa-" + bits, "Acme", authority, now, Duration.ofDays(30));
            certificate.verify(authority.certificate().getPublicKey());
            assertTrue(certificate.getKeyUsage()[2], "keyEncipherment for RSA");
        }

        InvalidInputException weak = refusal(csr(rsa(1024), "SHA256withRSA"));
        assertEquals("csr_key_weak", weak.id());
        assertTrue(weak.reason().contains("1024 bits"), weak.reason());
    }

    @Test
    void refusesOtherCurvesAndAlgorithms() throws Exception {
        assertEquals("csr_key_unsupported", refusal(csr(ec("secp384r1"), "SHA384withECDSA")).id());
        KeyPairGenerator ed = KeyPairGenerator.getInstance("Ed25519");
        assertEquals("csr_key_unsupported", refusal(csr(ed.generateKeyPair(), "Ed25519")).id());
    }

    @Test
    void refusesARequestWhoseSignatureDoesNotMatchItsKey() throws Exception {
        String pem = csr(ec("secp256r1"), "SHA256withECDSA");
        byte[] der = der(pem);
        der[der.length - 3] ^= 0x01;

        assertEquals("csr_signature_invalid", refusal(pem(der)).id());
    }

    @Test
    void refusesWhatIsNotARequestWithoutAnyDetailOfTheParser() {
        String certificate = CertificateAuthorities.pem(authority.certificate());
        for (String text : List.of("hello", "-----BEGIN CERTIFICATE REQUEST-----\n!!!!\n-----END CERTIFICATE REQUEST-----\n", certificate,
                "-----BEGIN CERTIFICATE REQUEST-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A\n-----END CERTIFICATE REQUEST-----\n")) {
            InvalidInputException refused = refusal(text);
            assertEquals("csr_unreadable", refused.id(), text);
            assertFalse(refused.reason().contains("Exception"), refused.reason());
        }
        assertEquals("csr_missing", refusal(" ").id());
        assertEquals("csr_missing", refusal(null).id());
        assertEquals("csr_too_large", refusal("A".repeat(ClientCertificates.MAX_REQUEST_CHARS + 1)).id());
    }

    @Test
    void endsNoLaterThanTheCaAndUsesDistinctLargeSerialNumbers() throws Exception {
        PublicKey key = ClientCertificates.requireValidRequest(csr(ec("secp256r1"), "SHA256withECDSA"));
        X509Certificate longLived = ClientCertificates.issue(key, "host", "Acme", authority, now, Duration.ofDays(20_000));
        assertEquals(authority.certificate().getNotAfter(), longLived.getNotAfter());

        Set<BigInteger> serials = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            BigInteger serial = ClientCertificates.serialNumber();
            assertEquals(159, serial.bitLength(), "positive, 20 octets at most, never short");
            serials.add(serial);
        }
        assertEquals(1_000, serials.size());
        assertEquals(159, longLived.getSerialNumber().bitLength());
    }

    private static InvalidInputException refusal(String pem) {
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> ClientCertificates.requireValidRequest(pem));
        assertEquals(List.of("csr"), refused.params(), "the field is named");
        return refused;
    }

    private static String csr(KeyPair keys, String signature) throws Exception {
        PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(new X500Principal("CN=requested-name"), keys.getPublic())
                .build(new JcaContentSignerBuilder(signature).build(keys.getPrivate()));
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(request);
        }
        return text.toString();
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    private static String pem(byte[] der) throws IOException {
        return "-----BEGIN CERTIFICATE REQUEST-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END CERTIFICATE REQUEST-----\n";
    }

    private static KeyPair ec(String curve) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    private static KeyPair rsa(int bits) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
    }
}
