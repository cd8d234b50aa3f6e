package io.keygate.audit.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** One row of the append-only audit_event table; the database refuses updates and deletes. */
@Entity
@Table(name = "audit_event")
public class AuditEventRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "occurred_at", nullable = false, updatable = false)
    OffsetDateTime occurredAt;
    @Column(name = "organization_id", updatable = false)
    Long organizationId;
    @Column(name = "actor_type", nullable = false, updatable = false)
    String actorType;
    @Column(name = "actor_name", updatable = false)
    String actorName;
    @Column(nullable = false, updatable = false)
    String action;
    @Column(name = "resource_type", updatable = false)
    String resourceType;
    @Column(name = "resource_id", updatable = false)
    String resourceId;
    @Column(name = "resource_name", updatable = false)
    String resourceName;
    @Column(nullable = false, updatable = false)
    String outcome;
    @Column(updatable = false)
    String reason;
    @Column(updatable = false)
    String details;
    @Column(name = "source_address", updatable = false)
    String sourceAddress;
    @Column(name = "request_id", updatable = false)
    String requestId;
}
