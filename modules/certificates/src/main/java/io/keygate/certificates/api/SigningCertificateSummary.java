package io.keygate.certificates.api;

import java.time.Instant;

/** A signing certificate as pages and the API show it: public facts only, never the private key. */
public record SigningCertificateSummary(long id, String name, String description, CertificateType type, Long parentId,
                                        KeyAlgorithm keyAlgorithm, String subject, String serialNumber,
                                        Instant validFrom, Instant validTo, String fingerprintSha256,
                                        long keyCount, Instant createdAt, String createdBy) {
}
