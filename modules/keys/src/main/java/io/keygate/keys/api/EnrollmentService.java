package io.keygate.keys.api;

/**
 * Enrollment (issue 5, E1-E7): a machine presents a provisioning key and a certificate signing request and is
 * enrolled into the key's group with a signed certificate. No admin is signed in: the key is the credential.
 */
public interface EnrollmentService {

    /**
     * Checks in the order of E2 and enrolls, or re-enrolls when the key allows it; audits success and failure.
     *
     * @throws io.keygate.platform.api.InvalidInputException a missing or malformed field, or a bad CSR (400)
     * @throws EnrollmentRefusedException                    the key does not admit this enrollment (401, 403 or 409)
     */
    Enrollment enroll(EnrollmentRequest request);

    /**
     * A request whose body could not be read as an enrollment (too large, not UTF-8, not the JSON expected): audited
     * (E7) and counted against its address like any failure before a key matched (E6).
     *
     * @throws EnrollmentRefusedException 429 (not audited) when the address is over its limit, or this request is
     *                                     counted beyond it, on any node
     */
    void refuseUnreadable(String sourceAddress, String reason);
}
