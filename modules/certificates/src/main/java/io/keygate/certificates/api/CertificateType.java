package io.keygate.certificates.api;

/** A root signs itself; an intermediate is signed by another certificate of the same organisation. */
public enum CertificateType {
    ROOT,
    INTERMEDIATE
}
