package io.keygate.groups.api;

/** A new group; {@code enabled} null means enabled. */
public record CreateMachineGroup(String name, String description, Boolean enabled) {
}
