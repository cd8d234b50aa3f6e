package io.keygate.platform.api;

import java.util.Set;

/** One sort key: a field name and a direction, written {@code name} or {@code -createdAt} in URLs. */
public record SortOrder(String field, boolean ascending) {

    /** Parses {@code field} or {@code -field}, refusing fields outside {@code allowed}. */
    public static SortOrder parse(String text, Set<String> allowed) {
        boolean descending = text.startsWith("-");
        String field = descending ? text.substring(1) : text;
        if (!allowed.contains(field)) {
            throw new InvalidInputException("sort_invalid", "sort",
                    "Cannot sort by '" + field + "'. Sortable fields: " + String.join(", ", allowed.stream().sorted().toList()) + ".");
        }
        return new SortOrder(field, !descending);
    }

    @Override
    public String toString() {
        return ascending ? field : "-" + field;
    }
}
