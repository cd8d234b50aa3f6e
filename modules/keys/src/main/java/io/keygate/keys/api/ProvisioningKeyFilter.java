package io.keygate.keys.api;

import io.keygate.platform.api.FilterParameters;
import io.keygate.platform.api.InvalidInputException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which keys a list shows: the chips of the keys table (T2) and its global search (T8). Empty sets and
 * nulls do not filter; values of one chip are alternatives (OR), chips combine with AND.
 *
 * @param nameContains          case-insensitive part of the name
 * @param search                case-insensitive part of the name or the description
 * @param enabled               the status as shown: a rotated key past its deadline counts as disabled
 * @param expiresBefore         keys with an expiry before this instant
 * @param expiresAfter          keys that expire after this instant, or never
 * @param createdBy             usernames, ignoring case
 * @param createdFrom           created at or after
 * @param createdTo             created before
 */
public record ProvisioningKeyFilter(String nameContains, String search, Set<Long> machineGroupIds, Boolean enabled,
                                    Set<Long> signingCertificateIds, Boolean exportable, Boolean allowReEnrollment,
                                    Set<UsageState> usage, Instant expiresBefore, Instant expiresAfter, Set<String> createdBy,
                                    Instant createdFrom, Instant createdTo) {

    /** The parameter names, equal in the URL, the REST list and saved filters. */
    public static final Set<String> PARAMETERS = Set.of("name", "search", "machineGroupId", "enabled", "signingCertificateId",
            "exportable", "allowReEnrollment", "usage", "expiresBefore", "expiresAfter", "createdBy", "createdFrom", "createdTo");

    /** Where a key's usage stands against its maximum. */
    public enum UsageState {
        /** never used */
        UNUSED,
        /** used, and below its maximum (or without one) */
        IN_USE,
        /** used as often as its maximum allows */
        EXHAUSTED
    }

    public ProvisioningKeyFilter {
        machineGroupIds = machineGroupIds == null ? Set.of() : Set.copyOf(machineGroupIds);
        signingCertificateIds = signingCertificateIds == null ? Set.of() : Set.copyOf(signingCertificateIds);
        usage = usage == null ? Set.of() : Set.copyOf(usage);
        createdBy = createdBy == null ? Set.of() : Set.copyOf(createdBy);
        if (expiresBefore != null && expiresAfter != null && !expiresAfter.isBefore(expiresBefore)) {
            throw new InvalidInputException("range_empty", "expiresAfter", "Expires after must be earlier than expires before.");
        }
        if (createdFrom != null && createdTo != null && !createdFrom.isBefore(createdTo)) {
            throw new InvalidInputException("range_empty", "createdFrom", "Created from must be earlier than created to.");
        }
    }

    public static ProvisioningKeyFilter none() {
        return new ProvisioningKeyFilter(null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Reads the named-values form; {@code skipped} names (paging, sorting) belong to the caller. */
    public static ProvisioningKeyFilter parse(Map<String, List<String>> parameters, Set<String> skipped) {
        FilterParameters p = FilterParameters.of(parameters, PARAMETERS, skipped);
        return new ProvisioningKeyFilter(p.text("name"), p.text("search"), p.ids("machineGroupId"), p.bool("enabled"),
                p.ids("signingCertificateId"), p.bool("exportable"), p.bool("allowReEnrollment"), p.choices("usage", UsageState.class),
                p.instant("expiresBefore"), p.instant("expiresAfter"), p.texts("createdBy"), p.instant("createdFrom"),
                p.instant("createdTo"));
    }

    /** The named-values form, which {@link #parse} reads back to an equal filter. */
    public Map<String, List<String>> toParameters() {
        return new FilterParameters.Writer().add("name", nameContains).add("search", search).addAll("machineGroupId", machineGroupIds)
                .add("enabled", enabled).addAll("signingCertificateId", signingCertificateIds).add("exportable", exportable)
                .add("allowReEnrollment", allowReEnrollment).addAll("usage", usage).add("expiresBefore", expiresBefore)
                .add("expiresAfter", expiresAfter).addAll("createdBy", createdBy).add("createdFrom", createdFrom)
                .add("createdTo", createdTo).build();
    }

    public boolean isEmpty() {
        return toParameters().isEmpty();
    }
}
