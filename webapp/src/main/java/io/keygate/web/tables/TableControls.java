package io.keygate.web.tables;

import io.keygate.platform.api.KeygateException;
import io.keygate.web.faces.FormMessages;
import jakarta.faces.component.UIComponent;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.AjaxBehaviorEvent;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import org.primefaces.PrimeFaces;
import org.primefaces.component.api.UIColumn;
import org.primefaces.component.datatable.DataTable;
import org.primefaces.event.ColumnResizeEvent;
import org.primefaces.event.ColumnToggleEvent;
import org.primefaces.event.ToggleEvent;
import org.primefaces.model.ColumnMeta;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;
import org.primefaces.model.Visibility;

/**
 * The table component's server side (T1-T9), shared by every table page: the filter bar and its saved
 * filters, global search, column layout, expansion and the URL. A page owns one, gives it the table's
 * definition, how to make filter inputs from criteria, and how its module checks criteria.
 *
 * @param <D> the page's filter-bar inputs
 */
public class TableControls<D extends FilterDraft> implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Checks criteria the way the module will read them, refusing malformed ones with the chip's name. */
    @FunctionalInterface
    public interface CriteriaCheck extends Serializable {
        void check(Map<String, List<String>> criteria);
    }

    /** Makes the filter-bar inputs that show the given criteria. */
    @FunctionalInterface
    public interface DraftFactory<D> extends Serializable {
        D of(Map<String, List<String>> criteria);
    }

    private final TableState state;
    private final TableModel<?> model;
    /** Exports of more rows than this show a progress bar with Cancel (X3). */
    static final long LARGE_EXPORT_ROWS = 50_000;
    private final TablePreferences preferences;
    private final DraftFactory<D> drafts;
    private final CriteriaCheck check;
    private D draft;
    private String search = "";
    private String newFilterName;
    private boolean newFilterForSessionOnly = true;
    private List<TablePreferences.SavedFilterChoice> savedFilters;

    public <T> TableControls(TableDefinition definition, TablePreferences preferences, DraftFactory<D> drafts, CriteriaCheck check,
                             TableModel.Loader<T> loader, TableModel.RowKey<T> rowKey) {
        this.state = new TableState(definition);
        this.model = new TableModel<>(state, loader, rowKey);
        this.preferences = preferences;
        this.drafts = drafts;
        this.check = check;
        this.draft = drafts.of(Map.of());
    }

    /**
     * Opens the table as the URL asks, else as the admin left it: their layout, then the URL's filters,
     * or the saved filter it names, or the admin's default view.
     */
    public void open(Map<String, String[]> parameters) {
        Long defaultFilter = preferences.restore(state);
        state.readQuery(parameters);
        Map<String, List<String>> fromUrl = state.getApplied();
        int first = state.getFirst();
        Long view = TableState.viewOf(parameters);
        if (view == null && fromUrl.isEmpty()) {
            view = defaultFilter;
        }
        if (view != null && applySaved(view)) {
            if (!fromUrl.isEmpty()) {
                // a shared link may carry changes on top of the saved filter: they show as unsaved
                state.apply(fromUrl);
            }
            state.goTo(first);
        }
        try {
            check.check(state.getApplied());
        } catch (KeygateException refusal) {
            FormMessages.showRefusal(refusal);
            state.apply(Map.of());
            state.forgetChoice();
        }
        syncInputs();
    }

    // -- filter bar (T2, T3) and search (T8)

    public void applyFilters() {
        try {
            apply(draft.toCriteria());
        } catch (KeygateException refusal) {
            FormMessages.showRefusal(refusal);
        }
    }

    public void clearInputs() {
        draft = drafts.of(Map.of());
    }

    public void resetFilters() {
        state.apply(Map.of());
        state.forgetChoice();
        syncInputs();
    }

    public void applySearch() {
        Map<String, List<String>> criteria = new java.util.LinkedHashMap<>(state.getApplied());
        criteria.remove(TableState.SEARCH);
        if (search != null && !search.isBlank()) {
            criteria.put(TableState.SEARCH, List.of(search.trim()));
        }
        apply(criteria);
    }

    public void toggleFilters() {
        state.setFiltersHidden(!state.isFiltersHidden());
        preferences.saveLayout(state);
    }

    private void apply(Map<String, List<String>> criteria) {
        try {
            check.check(criteria);
            state.apply(criteria);
            syncInputs();
        } catch (KeygateException refusal) {
            FormMessages.showRefusal(refusal);
        }
    }

    private void syncInputs() {
        draft = drafts.of(state.getApplied());
        search = state.getSearch();
    }

    // -- saved filters (T4, T9)

    public List<TablePreferences.SavedFilterChoice> getSavedFilters() {
        if (savedFilters == null) {
            savedFilters = preferences.savedFilters(state.getDefinition().id());
        }
        return savedFilters;
    }

    /** The drop-down's choice: applies one of the admin's saved filters. */
    public void choose(long id) {
        applySaved(id);
    }

    /** False (and a message) when the saved filter no longer exists. */
    private boolean applySaved(long id) {
        savedFilters = null;
        TablePreferences.SavedFilterChoice saved = getSavedFilters().stream().filter(choice -> choice.id() == id).findFirst().orElse(null);
        if (saved == null) {
            FormMessages.error("table.savedFilterGone");
            return false;
        }
        state.choose(saved.id(), saved.name(), saved.criteria());
        syncInputs();
        return true;
    }

    public void saveApplied() {
        run(() -> {
            TablePreferences.SavedFilterChoice saved = preferences.saveFilter(state.getDefinition().id(), newFilterName,
                    newFilterForSessionOnly, state.getApplied());
            state.choose(saved.id(), saved.name(), saved.criteria());
            newFilterName = null;
            FormMessages.info("table.filterSaved", saved.name());
        });
    }

    public void saveChanges() {
        if (state.getSavedFilterId() != null) {
            run(() -> {
                TablePreferences.SavedFilterChoice saved = preferences.updateFilter(state.getSavedFilterId(), state.getApplied());
                state.choose(saved.id(), saved.name(), saved.criteria());
                FormMessages.info("table.filterSaved", saved.name());
            });
        }
    }

    public void discardChanges() {
        state.discardChanges();
        syncInputs();
    }

    public void deleteSaved(long id) {
        run(() -> {
            preferences.deleteFilter(id);
            if (Long.valueOf(id).equals(state.getSavedFilterId())) {
                state.forgetChoice();
            }
        });
    }

    public void makeDefault(long id) {
        run(() -> preferences.makeDefault(state.getDefinition().id(), id));
    }

    private void run(Runnable change) {
        try {
            change.run();
        } catch (KeygateException refusal) {
            FormMessages.showRefusal(refusal);
        } finally {
            savedFilters = null;
        }
    }

    // -- columns (T5)

    public void onColumnToggle(ColumnToggleEvent event) {
        changeColumns(state -> state.show(idOf(event.getColumn()), event.getVisibility() == Visibility.VISIBLE));
    }

    public void onColumnResize(ColumnResizeEvent event) {
        changeColumns(state -> state.resize(idOf(event.getColumn()), event.getWidth()));
    }

    /** PrimeFaces has decoded the dragged order into the table's column meta by the time this runs. */
    public void onColumnReorder(AjaxBehaviorEvent event) {
        DataTable table = (DataTable) event.getComponent();
        List<String> order = table.getColumnMeta().entrySet().stream()
                .filter(entry -> entry.getValue().getDisplayPriority() != null)
                .sorted(Comparator.comparing((Map.Entry<String, ColumnMeta> entry) -> entry.getValue().getDisplayPriority()))
                .map(entry -> table.findColumn(entry.getKey()))
                .map(TableControls::idOf)
                .toList();
        changeColumns(state -> state.reorder(order));
    }

    public void resetColumns() {
        changeColumns(TableState::resetColumns);
    }

    private void changeColumns(Consumer<TableState> change) {
        change.accept(state);
        preferences.saveLayout(state);
    }

    private static String idOf(UIColumn column) {
        return column instanceof UIComponent component ? component.getId() : null;
    }

    // -- rows (T6)

    @SuppressWarnings({"unchecked", "rawtypes"})
    public void onRowToggle(ToggleEvent event) {
        state.setExpanded(((TableModel) model).getRowKey(event.getData()), event.getVisibility() == Visibility.VISIBLE);
    }

    public void expandAll() {
        state.expandAll(model.currentRowKeys());
    }

    /** The paginator's "Showing 21-40 of N", or "of more than N" when the total is a lower bound (T1). */
    public String getPageReport() {
        FacesContext faces = FacesContext.getCurrentInstance();
        ResourceBundle messages = faces.getApplication().getResourceBundle(faces, "msg");
        // the paginator's {totalRecords} is one above a lower bound (so Next stays open): the bound is written in
        return model.isTotalExact() ? messages.getString("common.paginator")
                : messages.getString("common.paginatorMore").replace("{bound}", Long.toString(model.getTotal()));
    }

    /** The table's lazy model, for {@code value}. */
    public TableModel<?> getModel() {
        return model;
    }

    public void collapseAll() {
        state.collapseAll();
    }

    /** The sort the URL asked for, for the table's {@code sortBy}; PrimeFaces keeps later sorts itself. */
    public SortMeta getInitialSort() {
        if (state.getSort() == null) {
            return null;
        }
        return SortMeta.builder().field(state.getSortField())
                .order(state.isSortAscending() ? SortOrder.ASCENDING : SortOrder.DESCENDING).build();
    }

    /**
     * Where the file of this table as the admin sees it is (X1): {@code path} asked for the format, the applied
     * filters and search, the sort, and the visible columns of {@code exportable} in their order.
     */
    public String exportUrl(String path, String format, List<String> exportable) {
        StringBuilder url = new StringBuilder(path).append("?format=").append(encoded(format));
        List<String> columns = state.getVisibleColumns().stream().filter(exportable::contains).toList();
        url.append("&columns=").append(encoded(String.join(",", columns.isEmpty() ? exportable : columns)));
        if (state.getSort() != null) {
            url.append("&sort=").append(encoded(state.getSort()));
        }
        state.getApplied().forEach((name, values) -> values.forEach(value -> url.append('&').append(encoded(name)).append('=').append(encoded(value))));
        return url.toString();
    }

    /** Export (X1): the browser fetches the file of the table as it stands from {@code /export/<table>}, and stays on the page. */
    public void export(String table, String format, List<String> exportable) {
        FacesContext faces = FacesContext.getCurrentInstance();
        String url = exportUrl(faces.getExternalContext().getRequestContextPath() + "/export/" + table, format, exportable);
        // every part is URL-encoded, so the address holds no quote or backslash that could end the script's string
        String script = "window.location.assign('" + url + "');";
        if (model.getTotal() > LARGE_EXPORT_ROWS) {
            // X3: a large export shows its progress and can be cancelled; the page stays usable meanwhile
            script += "kgExportStarted(" + model.getTotal() + ", " + model.isTotalExact() + ");";
        }
        PrimeFaces.current().executeScript(script);
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    public TableState getState() {
        return state;
    }

    public D getDraft() {
        return draft;
    }

    public String getSearch() {
        return search;
    }

    public void setSearch(String search) {
        this.search = search;
    }

    public String getNewFilterName() {
        return newFilterName;
    }

    public void setNewFilterName(String newFilterName) {
        this.newFilterName = newFilterName;
    }

    public boolean isNewFilterForSessionOnly() {
        return newFilterForSessionOnly;
    }

    public void setNewFilterForSessionOnly(boolean newFilterForSessionOnly) {
        this.newFilterForSessionOnly = newFilterForSessionOnly;
    }
}
