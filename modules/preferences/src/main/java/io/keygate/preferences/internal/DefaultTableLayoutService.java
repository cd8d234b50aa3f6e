package io.keygate.preferences.internal;

import io.keygate.platform.api.Actor;
import io.keygate.platform.api.ConflictException;
import io.keygate.platform.api.CurrentActor;
import io.keygate.platform.api.InvalidInputException;
import io.keygate.platform.api.Timestamps;
import io.keygate.platform.api.UniqueViolation;
import io.keygate.preferences.api.FilterScope;
import io.keygate.preferences.api.SaveTableLayout;
import io.keygate.preferences.api.TableLayout;
import io.keygate.preferences.api.TableLayoutService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;

/** Table layouts: personal display settings, not audited (they change nothing anyone else sees). */
@ApplicationScoped
@Transactional
public class DefaultTableLayoutService implements TableLayoutService {

    private static final String RESOURCE = "table layout";

    @PersistenceContext(unitName = "keygate")
    EntityManager em;
    @Inject
    CurrentActor currentActor;

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public TableLayout get(String table) {
        Actor actor = currentActor.get();
        actor.requireAccount();
        actor.requireOrganization();
        TableLayoutRow row = find(actor.accountId(), PreferenceRules.table(table));
        return row == null ? new TableLayout(table, List.of(), Map.of(), false, null, 0) : toRecord(row);
    }

    @Override
    public TableLayout save(String table, SaveTableLayout layout) {
        Actor actor = currentActor.get();
        actor.requireAccount();
        long organization = actor.requireOrganization();
        String name = PreferenceRules.table(table);
        List<String> columns = PreferenceRules.columns(layout.visibleColumns());
        Map<String, Integer> widths = PreferenceRules.widths(layout.widths());
        requireOwnKeptFilter(actor.accountId(), name, layout.defaultFilterId());
        if (layout.version() == null) {
            throw new InvalidInputException("version_required", "version", "The field version is required (0 for a table never arranged).");
        }
        TableLayoutRow row = find(actor.accountId(), name);
        if (row == null) {
            if (layout.version() != 0) {
                throw ConflictException.staleVersion(RESOURCE, name);
            }
            row = new TableLayoutRow();
            row.organizationId = organization;
            row.accountId = actor.accountId();
            row.tableName = name;
        } else if (layout.version() != row.version) {
            throw ConflictException.staleVersion(RESOURCE, name);
        }
        row.visibleColumns = CriteriaJson.writeColumns(columns);
        row.widths = CriteriaJson.writeWidths(widths);
        row.filtersHidden = layout.filtersHidden();
        row.defaultFilterId = layout.defaultFilterId();
        row.modifiedAt = Timestamps.now();
        store(row, name);
        return toRecord(row);
    }

    @Override
    public TableLayout reset(String table) {
        TableLayout current = get(table);
        return save(table, new SaveTableLayout(List.of(), Map.of(), current.filtersHidden(), current.defaultFilterId(), current.version()));
    }

    private void store(TableLayoutRow row, String table) {
        try {
            if (row.id == null) {
                em.persist(row);
            }
            em.flush();
        } catch (OptimisticLockException e) {
            throw ConflictException.staleVersion(RESOURCE, table);
        } catch (PersistenceException e) {
            // two first saves at once: the other one won
            throw UniqueViolation.isCauseOf(e) ? ConflictException.staleVersion(RESOURCE, table) : e;
        }
    }

    private void requireOwnKeptFilter(long account, String table, Long filterId) {
        if (filterId == null) {
            return;
        }
        SavedFilterRow filter = em.find(SavedFilterRow.class, filterId);
        if (filter == null || filter.accountId != account || !filter.tableName.equals(table) || filter.scope != FilterScope.PREFERENCES) {
            throw new InvalidInputException("default_filter_invalid", "defaultFilterId",
                    "The default view must be one of your saved filters of this table, kept in your preferences.");
        }
    }

    private TableLayoutRow find(long account, String table) {
        return em.createQuery("SELECT l FROM TableLayoutRow l WHERE l.accountId = :account AND l.tableName = :table", TableLayoutRow.class)
                .setParameter("account", account).setParameter("table", table)
                .getResultStream().findFirst().orElse(null);
    }

    private static TableLayout toRecord(TableLayoutRow row) {
        return new TableLayout(row.tableName, CriteriaJson.readColumns(row.visibleColumns), CriteriaJson.readWidths(row.widths),
                row.filtersHidden, row.defaultFilterId, row.version);
    }
}
