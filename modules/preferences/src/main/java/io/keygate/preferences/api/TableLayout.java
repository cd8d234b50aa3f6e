package io.keygate.preferences.api;

import java.util.List;
import java.util.Map;

/**
 * How an admin arranged a table (T3, T5): visible columns in order (empty: the table's defaults), widths in
 * pixels, whether the filter bar is hidden, and the saved filter the table opens with.
 *
 * @param version 0 while nothing is stored
 */
public record TableLayout(String table, List<String> visibleColumns, Map<String, Integer> widths, boolean filtersHidden,
                          Long defaultFilterId, long version) {
}
