package io.keygate.certificates.api;

/**
 * A new enrollment CA: a root ({@code parentId} null) or an intermediate signed by {@code parentId};
 * {@code keyAlgorithm} null means ECDSA P-256.
 */
public record CreateSigningCertificate(String name, String description, CertificateType type, Long parentId,
                                       KeyAlgorithm keyAlgorithm) {
}
