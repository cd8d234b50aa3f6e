package io.keygate.preferences.internal;

import io.keygate.audit.api.AuditEntry;
import io.keygate.audit.api.AuditLog;
import io.keygate.platform.api.Actor;
import io.keygate.platform.api.ConflictException;
import io.keygate.platform.api.CurrentActor;
import io.keygate.platform.api.InvalidInputException;
import io.keygate.platform.api.NotFoundException;
import io.keygate.platform.api.OrganizationScope;
import io.keygate.platform.api.Timestamps;
import io.keygate.platform.api.UniqueViolation;
import io.keygate.preferences.api.FilterScope;
import io.keygate.preferences.api.SaveFilter;
import io.keygate.preferences.api.SavedFilter;
import io.keygate.preferences.api.SavedFilterService;
import io.keygate.preferences.api.UpdateSavedFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Saved filters. Kept ({@code PREFERENCES}) ones are audited like any setting; session ones are scratch
 * work that ends with the session, so they are not.
 */
@ApplicationScoped
@Transactional
public class DefaultSavedFilterService implements SavedFilterService {

    private static final String RESOURCE = "saved filter";

    @PersistenceContext(unitName = "keygate")
    EntityManager em;
    @Inject
    CurrentActor currentActor;
    @Inject
    AuditLog audit;
    @Inject
    OrganizationScope organizations;

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<SavedFilter> list(String table, String sessionKey) {
        Actor actor = currentActor.get();
        actor.requireAccount();
        actor.requireOrganization();
        return visible(actor.accountId(), PreferenceRules.table(table), sessionKey, SavedFilterRow.class,
                "SELECT f FROM SavedFilterRow f").getResultList().stream().map(DefaultSavedFilterService::toRecord).toList();
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public SavedFilter get(long id, String sessionKey) {
        return toRecord(find(id, sessionKey));
    }

    @Override
    public SavedFilter create(SaveFilter request, String sessionKey) {
        Actor actor = currentActor.get();
        actor.requireAccount();
        SavedFilterRow row = new SavedFilterRow();
        row.organizationId = actor.requireOrganization();
        row.accountId = actor.accountId();
        row.tableName = PreferenceRules.table(request.table());
        row.name = PreferenceRules.name(request.name());
        row.criteria = PreferenceRules.criteria(request.criteria());
        row.scope = request.scope() == null ? FilterScope.PREFERENCES : request.scope();
        if (row.scope == FilterScope.SESSION) {
            if (sessionKey == null) {
                throw new InvalidInputException("scope_needs_session", "scope",
                        "A filter for this session only needs a browser session; through the API, save it to your preferences.");
            }
            row.sessionKey = sessionKey;
        }
        long count = visible(row.accountId, row.tableName, sessionKey, Long.class, "SELECT COUNT(f) FROM SavedFilterRow f").getSingleResult();
        if (count >= MAX_PER_TABLE) {
            throw new ConflictException("too_many_saved_filters", "You already have " + MAX_PER_TABLE
                    + " saved filters for this table; delete one first.", List.of(String.valueOf(MAX_PER_TABLE)));
        }
        requireFreeName(row.accountId, row.tableName, sessionKey, row.name, null);
        row.createdAt = Timestamps.now();
        row.modifiedAt = row.createdAt;
        try {
            em.persist(row);
            em.flush();
        } catch (PersistenceException e) {
            throw UniqueViolation.isCauseOf(e) ? ConflictException.duplicateName(RESOURCE, row.name) : e;
        }
        auditKept(row, "saved_filter.create");
        return toRecord(row);
    }

    @Override
    public SavedFilter update(long id, UpdateSavedFilter request, String sessionKey) {
        SavedFilterRow row = find(id, sessionKey);
        String name = PreferenceRules.name(request.name());
        String criteria = PreferenceRules.criteria(request.criteria());
        if (request.version() == null) {
            throw new InvalidInputException("version_required", "version", "The field version is required.");
        }
        if (request.version() != row.version) {
            throw ConflictException.staleVersion(RESOURCE, row.name);
        }
        requireFreeName(row.accountId, row.tableName, sessionKey, name, row.id);
        row.name = name;
        row.criteria = criteria;
        row.modifiedAt = Timestamps.now();
        try {
            em.flush();
        } catch (OptimisticLockException e) {
            throw ConflictException.staleVersion(RESOURCE, row.name);
        } catch (PersistenceException e) {
            throw UniqueViolation.isCauseOf(e) ? ConflictException.duplicateName(RESOURCE, row.name) : e;
        }
        auditKept(row, "saved_filter.update");
        return toRecord(row);
    }

    @Override
    public void delete(long id, String sessionKey) {
        SavedFilterRow row = find(id, sessionKey);
        em.remove(row);
        try {
            em.flush();
        } catch (OptimisticLockException deletedMeanwhile) {
            throw new NotFoundException(RESOURCE, String.valueOf(id));
        }
        auditKept(row, "saved_filter.delete");
    }

    @Override
    public void endSession(String sessionKey) {
        // a session may end with no request (a timeout): its organisation comes from its filters
        for (long organization : organizationsWithSessionFilters(sessionKey, null)) {
            organizations.run(organization, () -> em.createQuery("DELETE FROM SavedFilterRow f WHERE f.sessionKey = :key")
                    .setParameter("key", sessionKey).executeUpdate());
        }
    }

    @Override
    public int sweepSessionFilters(Duration age) {
        OffsetDateTime before = Timestamps.now().minus(age);
        int deleted = 0;
        for (long organization : organizationsWithSessionFilters(null, before)) {
            deleted += organizations.call(organization, () -> em.createQuery(
                            "DELETE FROM SavedFilterRow f WHERE f.scope = :session AND f.modifiedAt < :before")
                    .setParameter("session", FilterScope.SESSION)
                    .setParameter("before", before)
                    .executeUpdate());
        }
        return deleted;
    }

    private List<Long> organizationsWithSessionFilters(String sessionKey, OffsetDateTime modifiedBefore) {
        @SuppressWarnings("unchecked")
        List<Number> found = em.createNativeQuery("SELECT keygate_organizations_with_session_filters(CAST(?1 AS text), CAST(?2 AS timestamptz))")
                .setParameter(1, sessionKey).setParameter(2, modifiedBefore).getResultList();
        return found.stream().map(Number::longValue).toList();
    }

    /** The admin's kept filters of the table, and this session's (none when there is no session). */
    private <T> TypedQuery<T> visible(long account, String table, String sessionKey, Class<T> type, String select) {
        return em.createQuery(select + " WHERE f.accountId = :account AND f.tableName = :table AND (f.scope = :kept OR "
                        + "(f.scope = :session AND f.sessionKey = :key))" + (type == Long.class ? "" : " ORDER BY f.id"), type)
                .setParameter("account", account).setParameter("table", table)
                .setParameter("kept", FilterScope.PREFERENCES).setParameter("session", FilterScope.SESSION)
                .setParameter("key", sessionKey == null ? "" : sessionKey)
                .setFlushMode(FlushModeType.COMMIT);
    }

    /** A name is unique among the filters the admin sees in one list: their kept ones and this session's. */
    private void requireFreeName(long account, String table, String sessionKey, String name, Long self) {
        boolean taken = visible(account, table, sessionKey, SavedFilterRow.class, "SELECT f FROM SavedFilterRow f").getResultList().stream()
                .anyMatch(other -> !other.id.equals(self) && other.name.equalsIgnoreCase(name));
        if (taken) {
            throw ConflictException.duplicateName(RESOURCE, name);
        }
    }

    /** Another admin's filter, or another session's, does not exist for this caller. */
    private SavedFilterRow find(long id, String sessionKey) {
        Actor actor = currentActor.get();
        actor.requireAccount();
        actor.requireOrganization();
        SavedFilterRow row = em.find(SavedFilterRow.class, id);
        if (row == null || row.accountId != actor.accountId()
                || row.scope == FilterScope.SESSION && !row.sessionKey.equals(sessionKey)) {
            throw new NotFoundException(RESOURCE, String.valueOf(id));
        }
        return row;
    }

    private void auditKept(SavedFilterRow row, String action) {
        if (row.scope == FilterScope.PREFERENCES) {
            audit.record(AuditEntry.success(action, RESOURCE, row.id, row.name).withDetails(Map.of("table", row.tableName, "criteria", row.criteria)));
        }
    }

    static SavedFilter toRecord(SavedFilterRow row) {
        return new SavedFilter(row.id, row.tableName, row.name, row.scope, CriteriaJson.read(row.criteria), Timestamps.instant(row.createdAt),
                Timestamps.instant(row.modifiedAt), row.version);
    }
}
