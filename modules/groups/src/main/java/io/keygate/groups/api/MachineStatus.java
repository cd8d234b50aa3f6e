package io.keygate.groups.api;

/** A machine is ACTIVE from its enrollment until an admin removes it (its certificates are then revoked). */
public enum MachineStatus {
    ACTIVE,
    REMOVED
}
