package io.keygate.audit.internal;

import io.keygate.audit.api.AuditEntry;
import io.keygate.audit.api.AuditEvent;
import io.keygate.audit.api.AuditLog;
import io.keygate.audit.api.Outcome;
import io.keygate.platform.api.Actor;
import io.keygate.platform.api.CurrentActor;
import io.keygate.platform.api.Page;
import io.keygate.platform.api.PageRequest;
import io.keygate.platform.api.RequestOrigin;
import io.keygate.platform.api.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class DefaultAuditLog implements AuditLog {

    private static final Jsonb JSON = JsonbBuilder.create();

    @PersistenceContext(unitName = "keygate")
    EntityManager em;
    @Inject
    CurrentActor currentActor;
    @Inject
    RequestOrigin origin;

    @Override
    @Transactional(Transactional.TxType.REQUIRED)
    public void record(AuditEntry entry) {
        em.persist(toRow(entry));
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordFailure(AuditEntry entry) {
        em.persist(toRow(entry));
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<AuditEvent> list(String action, PageRequest page) {
        long organization = currentActor.get().requireAdministrator();
        String where = " WHERE e.organizationId = :organization" + (action == null ? "" : " AND e.action = :action");
        TypedQuery<AuditEventRow> rows = em.createQuery("SELECT e FROM AuditEventRow e" + where + " ORDER BY e.id DESC", AuditEventRow.class)
                .setParameter("organization", organization)
                .setFirstResult(page.offset())
                .setMaxResults(page.pageSize());
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(e) FROM AuditEventRow e" + where, Long.class)
                .setParameter("organization", organization);
        if (action != null) {
            rows.setParameter("action", action);
            count.setParameter("action", action);
        }
        List<AuditEvent> events = rows.getResultList().stream().map(DefaultAuditLog::toEvent).toList();
        return new Page<>(events, page.page(), page.pageSize(), count.getSingleResult());
    }

    private AuditEventRow toRow(AuditEntry entry) {
        AuditEventRow row = new AuditEventRow();
        row.occurredAt = Timestamps.now();
        Optional<Actor> actor = entry.actorName() == null ? currentActor.find() : Optional.empty();
        if (actor.isPresent()) {
            row.actorType = actor.get().role().name();
            row.actorName = actor.get().username();
            row.organizationId = actor.get().organizationId();
        } else {
            // an explicitly named actor is a username given at sign-in, before any session exists
            row.actorType = entry.actorName() == null ? "SYSTEM" : "ACCOUNT";
            row.actorName = entry.actorName() == null ? "system" : entry.actorName();
        }
        if (entry.organizationId() != null) {
            row.organizationId = entry.organizationId();
        }
        row.action = entry.action();
        row.resourceType = entry.resourceType();
        row.resourceId = entry.resourceId();
        row.resourceName = entry.resourceName();
        row.outcome = entry.outcome().name();
        row.reason = entry.reason();
        row.details = JSON.toJson(entry.details());
        row.sourceAddress = origin.sourceAddress();
        row.requestId = origin.requestId();
        return row;
    }

    private static AuditEvent toEvent(AuditEventRow row) {
        return new AuditEvent(row.id, Timestamps.instant(row.occurredAt), row.actorType, row.actorName, row.action, row.resourceType,
                row.resourceId, row.resourceName, Outcome.valueOf(row.outcome), row.reason, row.details,
                row.sourceAddress, row.requestId);
    }
}
