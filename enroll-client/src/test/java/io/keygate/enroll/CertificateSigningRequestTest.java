package io.keygate.enroll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.security.KeyPair;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

class CertificateSigningRequestTest {

    @Test
    void writesARequestThatAnotherImplementationReadsAndVerifies() throws Exception {
        for (String name : new String[] {"build-07", "a-host-name-with-ünïcode", "x".repeat(200)}) {
            KeyPair keys = CertificateSigningRequest.newKeyPair();
            String pem = CertificateSigningRequest.pem(keys, name);

            assertTrue(pem.startsWith("-----BEGIN CERTIFICATE REQUEST-----\n") && pem.endsWith("-----END CERTIFICATE REQUEST-----\n"), pem);
            PKCS10CertificationRequest request = (PKCS10CertificationRequest) new PEMParser(new StringReader(pem)).readObject();
            JcaPKCS10CertificationRequest read = new JcaPKCS10CertificationRequest(request);
            assertTrue(read.isSignatureValid(new JcaContentVerifierProviderBuilder().build(read.getPublicKey())), name);
            assertEquals(keys.getPublic(), read.getPublicKey());
            assertEquals("CN=" + name, request.getSubject().toString());
            assertEquals("1.2.840.10045.4.3.2", request.getSignatureAlgorithm().getAlgorithm().getId());
        }
    }

    @Test
    void writesThePrivateKeyAsPkcs8Pem() throws Exception {
        KeyPair keys = CertificateSigningRequest.newKeyPair();
        String pem = CertificateSigningRequest.privateKeyPem(keys);
        byte[] der = Base64.getMimeDecoder().decode(pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", ""));
        assertEquals(keys.getPrivate(), KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der)));
    }
}
