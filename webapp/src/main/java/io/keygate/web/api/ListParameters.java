package io.keygate.web.api;

import io.keygate.platform.api.InvalidInputException;
import io.keygate.platform.api.PageRequest;
import io.keygate.platform.api.SortOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Reads list query parameters as text, so that a malformed value is a 400 naming the parameter rather
 * than the 404 JAX-RS gives for unconvertible parameters.
 */
final class ListParameters {

    /** The query parameters of paging and sorting, which are not filters. */
    static final Set<String> PAGING = Set.of("page", "pageSize", "sort");

    private ListParameters() {
    }

    static PageRequest pageRequest(String page, String pageSize, String sort, Set<String> sortable) {
        List<SortOrder> order = sort == null || sort.isBlank() ? List.of()
                : Arrays.stream(sort.split(",")).map(String::trim).map(s -> SortOrder.parse(s, sortable)).toList();
        return new PageRequest(integer("page", page, 1), integer("pageSize", pageSize, PageRequest.DEFAULT_PAGE_SIZE), order);
    }

    private static int integer(String name, String value, int defaultValue) {
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("integer_invalid", name, "The parameter " + name + " must be a whole number.");
        }
    }
}
