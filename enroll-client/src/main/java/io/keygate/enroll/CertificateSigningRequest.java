package io.keygate.enroll;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/**
 * A machine's ECDSA P-256 key pair and its PKCS#10 request (RFC 2986), signed with SHA-256. The subject only
 * suggests a name: the server decides the certificate's subject.
 */
final class CertificateSigningRequest {

    private static final byte[] ECDSA_WITH_SHA256 = Der.oid(1, 2, 840, 10045, 4, 3, 2);
    private static final byte[] COMMON_NAME = Der.oid(2, 5, 4, 3);

    private CertificateSigningRequest() {
    }

    static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    static String pem(KeyPair keys, String commonName) throws GeneralSecurityException {
        byte[] subject = Der.sequence(Der.tagged(Der.SET, Der.sequence(COMMON_NAME, Der.utf8(commonName))));
        byte[] info = Der.sequence(Der.integer(0), subject, keys.getPublic().getEncoded(), Der.tagged(Der.CONTEXT_0_CONSTRUCTED));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(keys.getPrivate());
        signer.update(info);
        byte[] request = Der.sequence(info, Der.sequence(ECDSA_WITH_SHA256), Der.bitString(signer.sign()));
        return armored("CERTIFICATE REQUEST", request);
    }

    static String privateKeyPem(KeyPair keys) {
        return armored("PRIVATE KEY", keys.getPrivate().getEncoded());
    }

    private static String armored(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + label + "-----\n";
    }
}
