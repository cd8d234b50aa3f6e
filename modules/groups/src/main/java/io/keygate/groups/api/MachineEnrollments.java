package io.keygate.groups.api;

import java.time.Instant;
import java.util.Optional;

/**
 * Machines as enrollment records them (issue 5). Its caller, the keys module's enrollment, has already proven a
 * key of {@code organizationId}: no admin is signed in, so the organisation is given, never taken from a session.
 * Runs in the caller's transaction.
 */
public interface MachineEnrollments {

    /** The group of the organisation, whether or not it takes machines now. */
    Optional<EnrollmentGroup> group(long organizationId, long machineGroupId);

    /** The active machine this key enrolled with this fingerprint, if any. */
    Optional<Long> activeMachine(long organizationId, long provisioningKeyId, String fingerprint);

    /** Records a new active machine with its first certificate; its id. */
    long enroll(NewMachine machine, IssuedCertificate certificate);

    /** Binds an active machine to a new certificate (the one before is superseded) and refreshes its hostname and OS. */
    void reEnroll(long organizationId, long machineId, String hostname, String os, IssuedCertificate certificate);

    /** A group as enrollment sees it. */
    record EnrollmentGroup(long id, String name, boolean enabled) {
    }

    /** What a machine tells about itself, and the key and group it enrolls with. */
    record NewMachine(long organizationId, long machineGroupId, long provisioningKeyId, String hostname, String fingerprint, String os) {
    }

    /** A client certificate issued to a machine: its public part only. */
    record IssuedCertificate(long signingCertificateId, String serialNumber, Instant notBefore, Instant notAfter, String pem) {
    }
}
