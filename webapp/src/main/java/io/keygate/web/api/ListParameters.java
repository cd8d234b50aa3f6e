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

    private ListParameters() {
    }

    static PageRequest pageRequest(String page, String pageSize, String sort, Set<String> sortable) {
        List<SortOrder> order = sort == null || sort.isBlank() ? List.of()
                : Arrays.stream(sort.split(",")).map(String::trim).map(s -> SortOrder.parse(s, sortable)).toList();
        return new PageRequest(integer("page", page, 1), integer("pageSize", pageSize, PageRequest.DEFAULT_PAGE_SIZE), order);
    }

    static Boolean optionalBoolean(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new InvalidInputException("boolean_invalid", name, "The parameter " + name + " must be true or false.");
        };
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
