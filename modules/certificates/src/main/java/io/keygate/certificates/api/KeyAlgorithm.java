package io.keygate.certificates.api;

/** The key pair of a signing certificate; ECDSA P-256 unless the admin chooses RSA. */
public enum KeyAlgorithm {
    ECDSA_P256,
    RSA_2048
}
