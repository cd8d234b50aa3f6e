package io.keygate.preferences.api;

import java.util.List;
import java.util.Map;

/** A table's whole layout, with the version read (0 when none was stored). */
public record SaveTableLayout(List<String> visibleColumns, Map<String, Integer> widths, boolean filtersHidden, Long defaultFilterId,
                              Long version) {
}
