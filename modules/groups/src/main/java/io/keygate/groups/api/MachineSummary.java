package io.keygate.groups.api;

import java.time.Instant;

/**
 * A machine as lists and the API show it, with its newest certificate.
 *
 * @param certificateSerial hexadecimal; the newest certificate's (REVOKED once the machine is removed)
 */
public record MachineSummary(long id, long machineGroupId, Long provisioningKeyId, String hostname, String fingerprint, String os,
                             MachineStatus status, Instant enrolledAt, Instant reEnrolledAt, Instant removedAt, String certificateSerial,
                             Instant certificateNotAfter, String certificateStatus, long version) {
}
