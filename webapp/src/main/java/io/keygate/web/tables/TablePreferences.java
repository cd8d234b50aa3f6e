package io.keygate.web.tables;

import io.keygate.platform.api.ConflictException;
import io.keygate.preferences.api.FilterScope;
import io.keygate.preferences.api.SaveFilter;
import io.keygate.preferences.api.SaveTableLayout;
import io.keygate.preferences.api.SavedFilter;
import io.keygate.preferences.api.SavedFilterService;
import io.keygate.preferences.api.TableLayout;
import io.keygate.preferences.api.TableLayoutService;
import io.keygate.preferences.api.UpdateSavedFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Where the table component keeps an admin's saved filters and layouts: the preferences module, on the
 * server (T4, T5, T9), with this browser session's key for filters saved for the session only.
 */
@ApplicationScoped
public class TablePreferences implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    SavedFilterService filters;
    @Inject
    TableLayoutService layouts;
    @Inject
    BrowserSession session;

    /** A saved filter as the filter menu lists it. */
    public record SavedFilterChoice(long id, String name, boolean sessionOnly, boolean defaultView, Map<String, List<String>> criteria) {
    }

    /** Puts the admin's stored layout into {@code state}; returns the admin's default saved filter, if any. */
    public Long restore(TableState state) {
        TableLayout layout = layouts.get(state.getDefinition().id());
        state.restoreColumns(layout.visibleColumns(), layout.widths());
        state.setFiltersHidden(layout.filtersHidden());
        return layout.defaultFilterId();
    }

    /**
     * Stores the state's layout. The layout is the admin's alone: when their other browser saved in between,
     * this one, the latest, wins (read again, save again) instead of failing a column drag.
     */
    public void saveLayout(TableState state) {
        try {
            saveLayoutOnce(state);
        } catch (ConflictException savedElsewhereMeanwhile) {
            saveLayoutOnce(state);
        }
    }

    private void saveLayoutOnce(TableState state) {
        TableLayout current = layouts.get(state.getDefinition().id());
        layouts.save(state.getDefinition().id(), new SaveTableLayout(state.getVisibleColumns(), state.getWidths(), state.isFiltersHidden(),
                current.defaultFilterId(), current.version()));
    }

    public List<SavedFilterChoice> savedFilters(String table) {
        Long defaultFilter = layouts.get(table).defaultFilterId();
        return filters.list(table, session.key()).stream()
                .map(saved -> choice(saved, defaultFilter))
                .sorted(Comparator.comparing(SavedFilterChoice::sessionOnly).reversed().thenComparing(c -> c.name().toLowerCase()))
                .toList();
    }

    public SavedFilterChoice saveFilter(String table, String name, boolean sessionOnly, Map<String, List<String>> criteria) {
        SavedFilter saved = filters.create(new SaveFilter(table, name, sessionOnly ? FilterScope.SESSION : FilterScope.PREFERENCES, criteria),
                session.key());
        return choice(saved, null);
    }

    public SavedFilterChoice updateFilter(long id, Map<String, List<String>> criteria) {
        SavedFilter current = filters.get(id, session.key());
        return choice(filters.update(id, new UpdateSavedFilter(current.name(), criteria, current.version()), session.key()), null);
    }

    public void deleteFilter(long id) {
        filters.delete(id, session.key());
    }

    /** The saved filter the table opens with from now on (preferences scope only). */
    public void makeDefault(String table, long id) {
        TableLayout current = layouts.get(table);
        layouts.save(table, new SaveTableLayout(current.visibleColumns(), current.widths(), current.filtersHidden(), id, current.version()));
    }

    private static SavedFilterChoice choice(SavedFilter saved, Long defaultFilter) {
        return new SavedFilterChoice(saved.id(), saved.name(), saved.scope() == FilterScope.SESSION, Long.valueOf(saved.id()).equals(defaultFilter),
                saved.criteria());
    }
}
