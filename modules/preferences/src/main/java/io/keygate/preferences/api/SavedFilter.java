package io.keygate.preferences.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A filter an admin saved for a table.
 *
 * @param table    the table's id, e.g. {@code provisioning-keys}
 * @param criteria the table's filter values by name, as the table reads them (opaque here)
 */
public record SavedFilter(long id, String table, String name, FilterScope scope, Map<String, List<String>> criteria,
                          Instant createdAt, Instant modifiedAt, long version) {
}
