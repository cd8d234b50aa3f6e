package io.keygate.audit.internal;

import io.keygate.audit.api.AuditEntry;
import io.keygate.audit.api.AuditEvent;
import io.keygate.audit.api.AuditEventFilter;
import io.keygate.audit.api.AuditLog;
import io.keygate.audit.api.Outcome;
import io.keygate.platform.api.Actor;
import io.keygate.platform.api.CriteriaPages;
import io.keygate.platform.api.CurrentActor;
import io.keygate.platform.api.ForbiddenException;
import io.keygate.platform.api.LikePatterns;
import io.keygate.platform.api.OrganizationScope;
import io.keygate.platform.api.Page;
import io.keygate.platform.api.PageRequest;
import io.keygate.platform.api.RequestOrigin;
import io.keygate.platform.api.Role;
import io.keygate.platform.api.SortOrder;
import io.keygate.platform.api.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.criteria.Predicate;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

@ApplicationScoped
public class DefaultAuditLog implements AuditLog {

    private static final List<SortOrder> NEWEST_FIRST = List.of(new SortOrder("occurredAt", false));
    /** Longer trails show "more than 10,000" (T1); counting millions of events for every page would cost more than the page. */
    private static final int EXACT_COUNT_CAP = 10_000;
    private static final int EXPORT_BATCH = 1_000;
    /** Chips list at most this many actions or resource types; the code records a few dozen. */
    private static final int MAX_VOCABULARY = 200;

    private static final Jsonb JSON = JsonbBuilder.create();

    @PersistenceContext(unitName = "keygate")
    EntityManager em;
    @Inject
    CurrentActor currentActor;
    @Inject
    RequestOrigin origin;
    @Inject
    OrganizationScope organizations;

    @Override
    @Transactional(Transactional.TxType.REQUIRED)
    public void record(AuditEntry entry) {
        append(toRow(entry));
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordFailure(AuditEntry entry) {
        append(toRow(entry));
    }

    /**
     * An event is appended in its organisation's scope: row-level security lets a row of an organisation in only there
     * (db/V15). A refused sign-in or enrollment names an organisation nobody signed in for yet.
     */
    private void append(AuditEventRow row) {
        if (row.organizationId == null) {
            em.persist(row);
        } else {
            organizations.run(row.organizationId, () -> em.persist(row));
        }
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<AuditEvent> list(AuditEventFilter filter, PageRequest page) {
        long organization = readerOrganization();
        PageRequest ordered = page.sort().isEmpty() ? new PageRequest(page.page(), page.pageSize(), NEWEST_FIRST) : page;
        CriteriaPages.Filter<AuditEventRow> matching = matching(organization, filter);
        CriteriaPages.Total total = CriteriaPages.countUpTo(em, AuditEventRow.class, matching, EXACT_COUNT_CAP);
        CriteriaPages.Slice<AuditEventRow> slice = CriteriaPages.slice(em, AuditEventRow.class, matching, ordered,
                total.exact() ? OptionalLong.of(total.count()) : OptionalLong.empty());
        return CriteriaPages.page(slice.rows().stream().map(DefaultAuditLog::toEvent).toList(), page, total, slice.more());
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRED)
    public long forEach(AuditEventFilter filter, List<SortOrder> sort, CriteriaPages.RowHandler<AuditEvent> each) throws IOException {
        long organization = readerOrganization();
        return CriteriaPages.forEach(em, AuditEventRow.class, matching(organization, filter), sort.isEmpty() ? NEWEST_FIRST : sort, EXPORT_BATCH,
                row -> each.handle(toEvent(row)));
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Vocabulary vocabulary() {
        long organization = readerOrganization();
        return new Vocabulary(distinct(organization, "action"), distinct(organization, "resource_type"));
    }

    @Override
    public void requireReader() {
        readerOrganization();
    }

    private long readerOrganization() {
        Actor actor = currentActor.get();
        long organization = actor.requireOrganization();
        if (actor.role() != Role.ADMINISTRATOR) {
            throw new ForbiddenException("administrator_required", "The audit log is for ADMINISTRATORs of the organisation.");
        }
        return organization;
    }

    /**
     * The distinct values of a column in the organisation's events, by skipping through its index one value at a time
     * (a few dozen index probes instead of reading a trail of millions).
     */
    @SuppressWarnings("unchecked")
    private List<String> distinct(long organization, String column) {
        String sql = "WITH RECURSIVE found(value) AS ("
                + " (SELECT " + column + " FROM audit_event WHERE organization_id = ?1 AND " + column + " IS NOT NULL ORDER BY " + column + " LIMIT 1)"
                + " UNION ALL SELECT (SELECT e." + column + " FROM audit_event e WHERE e.organization_id = ?1 AND e." + column + " > found.value"
                + " ORDER BY e." + column + " LIMIT 1) FROM found WHERE found.value IS NOT NULL)"
                + " SELECT value FROM found WHERE value IS NOT NULL";
        return ((List<Object>) em.createNativeQuery(sql).setParameter(1, organization).setMaxResults(MAX_VOCABULARY).getResultList()).stream()
                .map(String::valueOf).toList();
    }

    private static CriteriaPages.Filter<AuditEventRow> matching(long organization, AuditEventFilter filter) {
        return (cb, query, event) -> {
            List<Predicate> where = new ArrayList<>();
            where.add(cb.equal(event.get("organizationId"), organization));
            if (!filter.actions().isEmpty()) {
                where.add(event.get("action").in(filter.actions()));
            }
            if (!filter.outcomes().isEmpty()) {
                where.add(event.get("outcome").in(filter.outcomes().stream().map(Outcome::name).toList()));
            }
            if (!filter.resourceTypes().isEmpty()) {
                where.add(event.get("resourceType").in(filter.resourceTypes()));
            }
            if (filter.actor() != null && !filter.actor().isBlank()) {
                where.add(cb.like(cb.lower(event.get("actorName")), LikePatterns.containing(filter.actor()), LikePatterns.ESCAPE));
            }
            if (filter.resourceName() != null && !filter.resourceName().isBlank()) {
                where.add(cb.like(cb.lower(event.get("resourceName")), LikePatterns.containing(filter.resourceName()), LikePatterns.ESCAPE));
            }
            if (filter.occurredFrom() != null) {
                where.add(cb.greaterThanOrEqualTo(event.get("occurredAt"), Timestamps.of(filter.occurredFrom())));
            }
            if (filter.occurredTo() != null) {
                where.add(cb.lessThan(event.get("occurredAt"), Timestamps.of(filter.occurredTo())));
            }
            if (filter.search() != null && !filter.search().isBlank()) {
                String pattern = LikePatterns.containing(filter.search());
                where.add(cb.or(Stream.of("actorName", "action", "resourceName", "resourceId", "reason", "sourceAddress", "requestId")
                        .map(field -> cb.like(cb.lower(event.get(field)), pattern, LikePatterns.ESCAPE)).toArray(Predicate[]::new)));
            }
            return where;
        };
    }

    private AuditEventRow toRow(AuditEntry entry) {
        AuditEventRow row = new AuditEventRow();
        row.occurredAt = Timestamps.now();
        Optional<Actor> actor = entry.actorName() == null ? currentActor.find() : Optional.empty();
        if (actor.isPresent()) {
            // A1: an API token is an actor of its own kind; its name is the actor's name
            row.actorType = actor.get().isApiToken() ? "API_TOKEN" : actor.get().role().name();
            row.actorName = actor.get().username();
            row.organizationId = actor.get().organizationId();
        } else {
            // an explicitly named actor is a username given at sign-in, or a token refused, before anyone is let in
            row.actorType = entry.actorName() == null ? "SYSTEM" : entry.actorType() == null ? "ACCOUNT" : entry.actorType();
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
