package io.keygate.groups.api;

import io.keygate.platform.api.FilterParameters;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which groups a list shows: the chips of the groups table (T2) and its global search (T8); a null
 * field does not filter.
 *
 * @param nameContains case-insensitive part of the name
 * @param search       case-insensitive part of the name or the description
 * @param hasMachines  true: groups with at least one machine; false: empty groups
 */
public record MachineGroupFilter(String nameContains, Boolean enabled, Boolean hasMachines, String search) {

    /** The parameter names, equal in the URL, the REST list and saved filters. */
    public static final Set<String> PARAMETERS = Set.of("name", "enabled", "hasMachines", "search");

    public static MachineGroupFilter none() {
        return new MachineGroupFilter(null, null, null, null);
    }

    /** Reads the named-values form; {@code skipped} names (paging, sorting) belong to the caller. */
    public static MachineGroupFilter parse(Map<String, List<String>> parameters, Set<String> skipped) {
        FilterParameters p = FilterParameters.of(parameters, PARAMETERS, skipped);
        return new MachineGroupFilter(p.text("name"), p.bool("enabled"), p.bool("hasMachines"), p.text("search"));
    }

    /** The named-values form, which {@link #parse} reads back to an equal filter. */
    public Map<String, List<String>> toParameters() {
        return new FilterParameters.Writer().add("name", nameContains).add("enabled", enabled).add("hasMachines", hasMachines)
                .add("search", search).build();
    }
}
