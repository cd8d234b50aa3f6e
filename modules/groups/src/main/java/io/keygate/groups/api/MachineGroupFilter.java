package io.keygate.groups.api;

/**
 * Which groups a list shows; a null field does not filter.
 *
 * @param nameContains case-insensitive part of the name
 */
public record MachineGroupFilter(String nameContains, Boolean enabled) {

    public static MachineGroupFilter none() {
        return new MachineGroupFilter(null, null);
    }
}
