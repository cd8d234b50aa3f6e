package io.keygate.certificates.api;

import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;

/**
 * Client certificates for enrolled machines (issue 5). The enrollment has proven a key of the organisation and no
 * admin is signed in, so the organisation is given, never taken from a session.
 */
public interface ClientCertificateIssuer {

    /** A machine's PKCS#10 request, checked without the database; refused with 400 on field {@code csr} naming the problem. */
    CertificateRequest check(String pem);

    /** Issues the machine's certificate under a CA of the organisation, in the caller's transaction. */
    ClientCertificate issue(long organizationId, long signingCertificateId, CertificateRequest request, String hostname, Duration lifetime);

    /** A checked request: its public key, ECDSA P-256 or RSA of at least 2048 bits. */
    record CertificateRequest(PublicKey publicKey) {
    }

    /**
     * @param serialNumber hexadecimal
     * @param chainPem     the machine's certificate, then each CA above it up to the root
     */
    record ClientCertificate(String serialNumber, Instant notBefore, Instant notAfter, String certificatePem, String chainPem) {
    }
}
