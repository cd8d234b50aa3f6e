package io.keygate.web.faces;

import io.keygate.platform.api.Page;
import io.keygate.platform.api.PageRequest;
import io.keygate.platform.api.SortOrder;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * A PrimeFaces lazy model that asks a module service for exactly one page: paging, sorting and
 * filtering happen in the database, never in memory.
 */
public class ServiceLazyModel<T> extends LazyDataModel<T> {

    /** Loads one page for the table's filters; a view implements it by calling its module service. */
    @FunctionalInterface
    public interface PageLoader<T> extends Serializable {
        Page<T> load(Map<String, FilterMeta> filters, PageRequest page);
    }

    /** Gives the key PrimeFaces uses to find a row again. */
    @FunctionalInterface
    public interface RowKey<T> extends Serializable {
        Object of(T row);
    }

    private final PageLoader<T> loader;
    private final RowKey<T> rowKey;
    private List<T> currentRows = List.of();

    public ServiceLazyModel(PageLoader<T> loader, RowKey<T> rowKey) {
        this.loader = loader;
        this.rowKey = rowKey;
    }

    @Override
    public int count(Map<String, FilterMeta> filters) {
        return (int) loader.load(filters, new PageRequest(1, 1, List.of())).totalCount();
    }

    @Override
    public List<T> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filters) {
        List<SortOrder> sort = sortBy.values().stream()
                .filter(meta -> meta.getOrder() != null && !meta.getOrder().isUnsorted())
                .map(meta -> new SortOrder(meta.getField(), meta.getOrder().isAscending()))
                .toList();
        Page<T> page = loader.load(filters, new PageRequest(first / pageSize + 1, pageSize, sort));
        setRowCount((int) page.totalCount());
        currentRows = page.list();
        return currentRows;
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
