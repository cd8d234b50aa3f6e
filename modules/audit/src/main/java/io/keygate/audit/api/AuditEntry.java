package io.keygate.audit.api;

import java.util.Map;
import java.util.Objects;

/**
 * What happened, to which object, with which result. Who did it, in which organisation, from where
 * and when are filled in by the audit log from the running request, unless {@code actorName} is set
 * (sign-in attempts, where no one is signed in yet) or {@code organizationId} is (the operator acting
 * on an organisation).
 *
 * @param details   free-form facts such as {@code before}/{@code after}; never a secret
 * @param actorType with an explicit {@code actorName}: {@code ACCOUNT} (null) or {@code API_TOKEN}
 */
public record AuditEntry(String action, String resourceType, String resourceId, String resourceName,
                         Outcome outcome, String reason, Map<String, Object> details,
                         String actorName, Long organizationId, String actorType) {

    public AuditEntry {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static AuditEntry success(String action, String resourceType, Object resourceId, String resourceName) {
        return new AuditEntry(action, resourceType, String.valueOf(resourceId), resourceName, Outcome.SUCCESS, null, Map.of(), null, null, null);
    }

    public static AuditEntry failure(String action, String reason) {
        return new AuditEntry(action, null, null, null, Outcome.FAILURE, reason, Map.of(), null, null, null);
    }

    public AuditEntry withDetails(Map<String, Object> newDetails) {
        return new AuditEntry(action, resourceType, resourceId, resourceName, outcome, reason, newDetails, actorName, organizationId, actorType);
    }

    public AuditEntry withResource(String type, Object id, String name) {
        return new AuditEntry(action, type, id == null ? null : String.valueOf(id), name, outcome, reason, details, actorName, organizationId, actorType);
    }

    /** Names the actor explicitly, for events that happen before anyone is signed in. */
    public AuditEntry by(String name, Long organization) {
        return new AuditEntry(action, resourceType, resourceId, resourceName, outcome, reason, details, name, organization, null);
    }

    /** Names an API token as the actor, for refused uses of a token, which let no one in. */
    public AuditEntry byApiToken(String name, long organization) {
        return new AuditEntry(action, resourceType, resourceId, resourceName, outcome, reason, details, name, organization, "API_TOKEN");
    }

    /** Files the event under an organisation other than the actor's. */
    public AuditEntry inOrganization(Long organization) {
        return new AuditEntry(action, resourceType, resourceId, resourceName, outcome, reason, details, actorName, organization, actorType);
    }
}
