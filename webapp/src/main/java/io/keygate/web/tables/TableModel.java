package io.keygate.web.tables;

import io.keygate.platform.api.Page;
import io.keygate.platform.api.PageRequest;
import io.keygate.platform.api.SortOrder;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.primefaces.PrimeFaces;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * The lazy model of a table with a {@link TableState}: each load asks the module service for one page
 * with the state's filters, records page and sort in the state, and hands the resulting URL query to
 * the browser ({@code args.tableQuery}), which puts it in the address bar.
 */
public class TableModel<T> extends LazyDataModel<T> {

    private static final long serialVersionUID = 1L;

    /** One page of rows for the applied filters; a page implements it by calling its module service. */
    @FunctionalInterface
    public interface Loader<T> extends Serializable {
        Page<T> load(Map<String, List<String>> criteria, PageRequest page);
    }

    /** The key PrimeFaces uses to find a row again. */
    @FunctionalInterface
    public interface RowKey<T> extends Serializable {
        Object of(T row);
    }

    private final TableState state;
    private final Loader<T> loader;
    private final RowKey<T> rowKey;
    private List<T> currentRows = List.of();
    private Map<String, List<String>> countedCriteria;
    private long lastTotal;
    private boolean lastTotalExact = true;

    public TableModel(TableState state, Loader<T> loader, RowKey<T> rowKey) {
        this.state = state;
        this.loader = loader;
        this.rowKey = rowKey;
    }

    /**
     * PrimeFaces asks for the count before each load, to place the paginator; the load that follows counts
     * again and corrects it. So the total of the last load is reused while the filters stay the same, and
     * the database counts once per render, not twice.
     */
    @Override
    public int count(Map<String, FilterMeta> filters) {
        if (!state.getApplied().equals(countedCriteria)) {
            Page<T> first = loader.load(state.getApplied(), new PageRequest(1, 1, List.of()));
            lastTotal = first.totalCount();
            lastTotalExact = first.totalCountExact();
            countedCriteria = state.getApplied();
        }
        return paginatorRows();
    }

    /** A lower bound means that more rows exist: one more than it keeps the paginator's Next page open. */
    private int paginatorRows() {
        long rows = lastTotalExact ? lastTotal : lastTotal + 1;
        return (int) Math.min(Integer.MAX_VALUE, rows);
    }

    @Override
    public List<T> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filters) {
        List<SortOrder> sort = sortBy.values().stream()
                .filter(meta -> meta.getOrder() != null && !meta.getOrder().isUnsorted())
                .map(meta -> new SortOrder(meta.getField(), meta.getOrder().isAscending()))
                .toList();
        state.loaded(first, pageSize, sort);
        Page<T> page = loader.load(state.getApplied(), new PageRequest(first / pageSize + 1, pageSize, sort));
        lastTotal = page.totalCount();
        lastTotalExact = page.totalCountExact();
        setRowCount(paginatorRows());
        countedCriteria = state.getApplied();
        currentRows = page.list();
        if (PrimeFaces.current().isAjaxRequest()) {
            PrimeFaces.current().ajax().addCallbackParam("tableQuery", state.query());
        }
        return currentRows;
    }

    /** False when the module counted only up to its limit: the total is then a lower bound. */
    public boolean isTotalExact() {
        return lastTotalExact;
    }

    /** The total of the last load, or the number it is known to exceed. */
    public long getTotal() {
        return lastTotal;
    }

    /** The keys of the rows on the current page, for Expand All. */
    public List<Object> currentRowKeys() {
        return currentRows.stream().map(rowKey::of).toList();
    }

    @Override
    public String getRowKey(T row) {
        return String.valueOf(rowKey.of(row));
    }

    @Override
    public T getRowData(String key) {
        return currentRows.stream().filter(row -> getRowKey(row).equals(key)).findFirst().orElse(null);
    }
}
