package io.keygate.keys.api;

import java.time.Duration;

/**
 * What a machine sends, and what the server knows of the request.
 *
 * @param provisioningKey     the key's full text; never logged, never stored
 * @param csr                 PKCS#10 in PEM
 * @param sourceAddress       the machine's address as the server determined it (the connection or a trusted proxy)
 * @param certificateLifetime how long the machine's certificate is valid (configuration)
 */
public record EnrollmentRequest(String provisioningKey, String hostname, String fingerprint, String os, String csr, String sourceAddress,
                                Duration certificateLifetime) {

    @Override
    public String toString() {
        return "EnrollmentRequest[hostname=" + hostname + ", fingerprint=" + fingerprint + ", source=" + sourceAddress + ", key redacted]";
    }
}
