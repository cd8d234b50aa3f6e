package io.keygate.groups.api;

/** Every editable field of a group, and the version the editor read, to refuse lost updates. */
public record UpdateMachineGroup(String name, String description, Boolean enabled, Long version) {
}
