package io.keygate.audit.api;

import io.keygate.platform.api.FilterParameters;
import io.keygate.platform.api.InvalidInputException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which events the Audit Log shows: the chips of its table (T2) and its search (T8); an empty or null field does not filter.
 *
 * @param actions       exact action names ({@code provisioning_key.create})
 * @param actor         case-insensitive part of the actor's name
 * @param resourceTypes exact resource types ({@code provisioning key}, {@code api token})
 * @param resourceName  case-insensitive part of the resource's name
 * @param occurredFrom  events at or after this instant
 * @param occurredTo    events before this instant
 * @param search        case-insensitive part of the actor, action, resource name or id, reason, source address or request id
 */
public record AuditEventFilter(Set<String> actions, Set<Outcome> outcomes, String actor, Set<String> resourceTypes, String resourceName,
                               Instant occurredFrom, Instant occurredTo, String search) {

    /** The parameter names, equal in the URL, the REST list and saved filters. */
    public static final Set<String> PARAMETERS = Set.of("action", "outcome", "actor", "resourceType", "resourceName", "occurredFrom",
            "occurredTo", "search");

    public AuditEventFilter {
        actions = actions == null ? Set.of() : Set.copyOf(actions);
        outcomes = outcomes == null ? Set.of() : Set.copyOf(outcomes);
        resourceTypes = resourceTypes == null ? Set.of() : Set.copyOf(resourceTypes);
        if (occurredFrom != null && occurredTo != null && !occurredFrom.isBefore(occurredTo)) {
            throw new InvalidInputException("range_empty", "occurredFrom", "Occurred from must be earlier than occurred to.");
        }
    }

    public static AuditEventFilter none() {
        return new AuditEventFilter(Set.of(), Set.of(), null, Set.of(), null, null, null, null);
    }

    /** The events of one action, as the REST list's {@code ?action=} reads. */
    public static AuditEventFilter ofAction(String action) {
        return new AuditEventFilter(Set.of(action), Set.of(), null, Set.of(), null, null, null, null);
    }

    /** Reads the named-values form; {@code skipped} names (paging, sorting) belong to the caller. */
    public static AuditEventFilter parse(Map<String, List<String>> parameters, Set<String> skipped) {
        FilterParameters p = FilterParameters.of(parameters, PARAMETERS, skipped);
        return new AuditEventFilter(p.texts("action"), p.choices("outcome", Outcome.class), p.text("actor"), p.texts("resourceType"),
                p.text("resourceName"), p.instant("occurredFrom"), p.instant("occurredTo"), p.text("search"));
    }

    /** The named-values form, which {@link #parse} reads back to an equal filter. */
    public Map<String, List<String>> toParameters() {
        return new FilterParameters.Writer().addAll("action", actions).addAll("outcome", outcomes).add("actor", actor)
                .addAll("resourceType", resourceTypes).add("resourceName", resourceName).add("occurredFrom", occurredFrom)
                .add("occurredTo", occurredTo).add("search", search).build();
    }
}
