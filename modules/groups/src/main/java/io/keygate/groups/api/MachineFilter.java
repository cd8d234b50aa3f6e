package io.keygate.groups.api;

import io.keygate.platform.api.FilterParameters;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which machines a list shows: the chips of the machines table and its search; an empty or null field does not filter.
 *
 * @param hostname case-insensitive part of the hostname
 * @param search   case-insensitive part of the hostname or the fingerprint
 */
public record MachineFilter(Set<Long> machineGroupIds, Set<Long> provisioningKeyIds, String hostname, Set<MachineStatus> status, String search) {

    /** The parameter names, equal in the URL, the REST list and saved filters. */
    public static final Set<String> PARAMETERS = Set.of("machineGroupId", "provisioningKeyId", "hostname", "status", "search");

    public MachineFilter {
        machineGroupIds = machineGroupIds == null ? Set.of() : Set.copyOf(machineGroupIds);
        provisioningKeyIds = provisioningKeyIds == null ? Set.of() : Set.copyOf(provisioningKeyIds);
        status = status == null ? Set.of() : Set.copyOf(status);
    }

    public static MachineFilter none() {
        return new MachineFilter(Set.of(), Set.of(), null, Set.of(), null);
    }

    /** Reads the named-values form; {@code skipped} names (paging, sorting) belong to the caller. */
    public static MachineFilter parse(Map<String, List<String>> parameters, Set<String> skipped) {
        FilterParameters p = FilterParameters.of(parameters, PARAMETERS, skipped);
        return new MachineFilter(p.ids("machineGroupId"), p.ids("provisioningKeyId"), p.text("hostname"), p.choices("status", MachineStatus.class),
                p.text("search"));
    }

    /** The named-values form, which {@link #parse} reads back to an equal filter. */
    public Map<String, List<String>> toParameters() {
        return new FilterParameters.Writer().addAll("machineGroupId", machineGroupIds).addAll("provisioningKeyId", provisioningKeyIds)
                .add("hostname", hostname).addAll("status", status).add("search", search).build();
    }
}
