package io.keygate.audit.api;

import java.time.Instant;

/** A recorded audit event as administrators read it. {@code details} is a JSON object. */
public record AuditEvent(long id, Instant occurredAt, String actorType, String actorName, String action,
                         String resourceType, String resourceId, String resourceName, Outcome outcome,
                         String reason, String details, String sourceAddress, String requestId) {
}
