package io.keygate.keys.api;

/**
 * An enrolled machine.
 *
 * @param reEnrolled       true when an already enrolled machine got a new certificate (no use of the key consumed)
 * @param certificateChain PEM: the machine's certificate, then the CAs up to the root
 */
public record Enrollment(long machineId, long machineGroupId, String machineGroup, boolean reEnrolled, String certificateSerial,
                         String certificateChain) {
}
