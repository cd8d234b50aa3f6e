package io.keygate.certificates.api;

/**
 * How many provisioning keys use a signing certificate. Implemented by the module that owns keys, so this
 * module can refuse to delete a certificate in use without reading another module's tables.
 */
public interface CertificateUsage {

    long keysUsing(long organizationId, long signingCertificateId);
}
