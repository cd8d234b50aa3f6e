package io.keygate.groups.api;

/** Fired inside the deleting transaction. */
public record MachineGroupDeleted(long organizationId, long machineGroupId, String name) {
}
