package io.keygate.web.tables;

import io.keygate.platform.api.SortOrder;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * What one admin sees of one table: the applied filters and global search (T2, T8), sort, page and rows
 * per page (T1), expanded rows (T6), the chosen saved filter (T4) and the column layout (T5). It is held
 * by the page's view-scoped bean, written to the URL after each change, and read back from it, so a
 * view can be bookmarked and shared (T7 keeps it across Refresh).
 */
public class TableState implements Serializable {

    private static final long serialVersionUID = 1L;
    public static final List<Integer> ROWS_PER_PAGE = List.of(10, 20, 50, 100);
    public static final int DEFAULT_ROWS = 20;
    /** The URL parameters of the table itself; all others are filters. */
    public static final Set<String> TABLE_PARAMETERS = Set.of("page", "rows", "sort", "view");
    public static final String SEARCH = "search";

    private final TableDefinition definition;
    private Map<String, List<String>> applied = new LinkedHashMap<>();
    private String sort;
    private int first;
    private int rows = DEFAULT_ROWS;
    private final Set<String> expanded = new HashSet<>();
    private boolean filtersHidden;
    private List<String> order;
    private final Set<String> hidden = new HashSet<>();
    private final Map<String, Integer> widths = new HashMap<>();
    private Long savedFilterId;
    private String savedFilterName;
    private Map<String, List<String>> savedCriteria = Map.of();

    public TableState(TableDefinition definition) {
        this.definition = definition;
        resetColumns();
    }

    public TableDefinition getDefinition() {
        return definition;
    }

    // -- filters and search

    /** The applied filters and search, as named values: what a saved filter stores. */
    public Map<String, List<String>> getApplied() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(applied));
    }

    /** Applies new filters (from the filter bar, a saved filter or the URL); the table starts again at its first page. */
    public void apply(Map<String, List<String>> criteria) {
        applied = new LinkedHashMap<>(criteria);
        first = 0;
    }

    public String getSearch() {
        List<String> search = applied.get(SEARCH);
        return search == null || search.isEmpty() ? "" : search.get(0);
    }

    public void setSearch(String search) {
        Map<String, List<String>> criteria = new LinkedHashMap<>(applied);
        if (search == null || search.isBlank()) {
            criteria.remove(SEARCH);
        } else {
            criteria.put(SEARCH, List.of(search.trim()));
        }
        if (!criteria.equals(applied)) {
            apply(criteria);
        }
    }

    public boolean isFiltered() {
        return !applied.isEmpty();
    }

    // -- saved filters (T4)

    /** Applies a saved filter and remembers it, to mark later changes on top of it. */
    public void choose(long id, String name, Map<String, List<String>> criteria) {
        savedFilterId = id;
        savedFilterName = name;
        savedCriteria = Map.copyOf(criteria);
        apply(criteria);
    }

    public void forgetChoice() {
        savedFilterId = null;
        savedFilterName = null;
        savedCriteria = Map.of();
    }

    public Long getSavedFilterId() {
        return savedFilterId;
    }

    public String getSavedFilterName() {
        return savedFilterName;
    }

    /** The applied filters differ from the chosen saved filter's. */
    public boolean isUnsaved() {
        return savedFilterId != null && !savedCriteria.equals(Map.copyOf(applied));
    }

    public void discardChanges() {
        apply(savedCriteria);
    }

    // -- paging and sorting (T1), as the table last loaded

    /** Called by the table's model on every load, so the state is always what the admin sees. */
    public void loaded(int first, int rows, List<SortOrder> sortOrders) {
        this.first = first;
        this.rows = rows;
        this.sort = sortOrders.isEmpty() ? null : (sortOrders.get(0).ascending() ? "" : "-") + sortOrders.get(0).field();
    }

    /** Shows the page starting at row {@code first} (a URL's page, kept across a saved filter). */
    public void goTo(int first) {
        this.first = Math.max(0, first);
    }

    public int getFirst() {
        return first;
    }

    public int getRows() {
        return rows;
    }

    /** {@code name} or {@code -createdAt}; null for the table's default order. */
    public String getSort() {
        return sort;
    }

    public String getSortField() {
        return sort == null ? null : sort.replaceFirst("^-", "");
    }

    public boolean isSortAscending() {
        return sort != null && !sort.startsWith("-");
    }

    // -- expansion (T6)

    public boolean isExpanded(Object rowKey) {
        return expanded.contains(String.valueOf(rowKey));
    }

    public void setExpanded(Object rowKey, boolean open) {
        if (open) {
            expanded.add(String.valueOf(rowKey));
        } else {
            expanded.remove(String.valueOf(rowKey));
        }
    }

    public void expandAll(List<?> rowKeys) {
        rowKeys.forEach(key -> expanded.add(String.valueOf(key)));
    }

    public void collapseAll() {
        expanded.clear();
    }

    // -- filter bar (T3)

    public boolean isFiltersHidden() {
        return filtersHidden;
    }

    public void setFiltersHidden(boolean filtersHidden) {
        this.filtersHidden = filtersHidden;
    }

    // -- columns (T5)

    /** The column's place, as {@code displayPriority}: lower comes first. */
    public int position(String column) {
        int index = order.indexOf(column);
        return index < 0 ? order.size() : index;
    }

    public boolean visible(String column) {
        return !hidden.contains(column);
    }

    /** The remembered width in pixels, or null for the page's own. */
    public Integer width(String column) {
        return widths.get(column);
    }

    /** The visible columns, in order: what a layout stores. */
    public List<String> getVisibleColumns() {
        return order.stream().filter(this::visible).toList();
    }

    public Map<String, Integer> getWidths() {
        return Map.copyOf(widths);
    }

    /** The order the admin dragged the columns into; unknown ids are ignored, missing ones keep their place at the end. */
    public void reorder(List<String> columns) {
        List<String> next = new ArrayList<>(columns.stream().filter(id -> definition.column(id) != null).distinct().toList());
        order.stream().filter(id -> !next.contains(id)).forEach(next::add);
        order = next;
    }

    /** Shows or hides a column; the ones T5 keeps visible stay. */
    public void show(String column, boolean visible) {
        TableColumn definitionColumn = definition.column(column);
        if (definitionColumn == null || !definitionColumn.hideable()) {
            return;
        }
        if (visible) {
            hidden.remove(column);
        } else {
            hidden.add(column);
        }
    }

    public void resize(String column, int pixels) {
        if (definition.column(column) != null) {
            widths.put(column, Math.max(40, Math.min(2000, pixels)));
        }
    }

    /** Default columns, order and widths; sort, filters and page stay (T5). */
    public void resetColumns() {
        order = new ArrayList<>(definition.defaultOrder());
        hidden.clear();
        definition.columns().stream().filter(column -> !column.visibleByDefault()).forEach(column -> hidden.add(column.id()));
        widths.clear();
    }

    /** A stored layout: the visible columns in order (the others hidden, after them), and widths. Empty means the defaults. */
    public void restoreColumns(List<String> visibleColumns, Map<String, Integer> storedWidths) {
        resetColumns();
        if (!visibleColumns.isEmpty()) {
            reorder(visibleColumns);
            definition.columns().stream().filter(TableColumn::hideable)
                    .forEach(column -> show(column.id(), visibleColumns.contains(column.id())));
        }
        storedWidths.forEach(this::resize);
    }

    // -- the URL (bookmarks, sharing)

    /** The state as a query string: filters, search, sort, page, rows and the chosen saved filter. */
    public String query() {
        StringJoiner query = new StringJoiner("&");
        applied.forEach((name, values) -> values.forEach(value -> query.add(encode(name) + "=" + encode(value))));
        if (sort != null) {
            query.add("sort=" + encode(sort));
        }
        if (first > 0) {
            query.add("page=" + (first / rows + 1));
        }
        if (rows != DEFAULT_ROWS) {
            query.add("rows=" + rows);
        }
        if (savedFilterId != null) {
            query.add("view=" + savedFilterId);
        }
        return query.toString();
    }

    /**
     * Reads a URL: the table's own parameters (a malformed one is ignored: a shared link must still open)
     * and the filters, which the page then checks (and resets when they are refused).
     */
    public void readQuery(Map<String, String[]> parameters) {
        String rowsValue = single(parameters, "rows");
        if (rowsValue != null && rowsValue.matches("\\d{1,3}") && ROWS_PER_PAGE.contains(Integer.parseInt(rowsValue))) {
            rows = Integer.parseInt(rowsValue);
        }
        String page = single(parameters, "page");
        if (page != null && page.matches("\\d{1,7}") && Integer.parseInt(page) > 0) {
            first = (Integer.parseInt(page) - 1) * rows;
        }
        String sortValue = single(parameters, "sort");
        if (sortValue != null && sortValue.matches("-?[A-Za-z]{1,64}")) {
            sort = sortValue;
        }
        Map<String, List<String>> filters = new LinkedHashMap<>();
        parameters.forEach((name, values) -> {
            if (definition.filterNames().contains(name)) {
                filters.put(name, Arrays.asList(values));
            }
        });
        applied = filters;
    }

    /** The saved filter a URL names with {@code view=}, if any. */
    public static Long viewOf(Map<String, String[]> parameters) {
        String view = single(parameters, "view");
        return view != null && view.matches("\\d{1,18}") ? Long.valueOf(view) : null;
    }

    private static String single(Map<String, String[]> parameters, String name) {
        String[] values = parameters.get(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
