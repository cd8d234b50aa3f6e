package io.keygate.platform.api;

import java.util.List;

/**
 * One page of a list and the size of the whole list.
 *
 * @param totalCountExact false when the list is longer than a module counts exactly: {@code totalCount} is
 *                        then a lower bound ("more than ...")
 */
public record Page<T>(List<T> list, int page, int pageSize, long totalCount, boolean totalCountExact) {

    public Page {
        list = List.copyOf(list);
    }

    public Page(List<T> list, int page, int pageSize, long totalCount) {
        this(list, page, pageSize, totalCount, true);
    }

    public long totalPages() {
        return (totalCount + pageSize - 1) / pageSize;
    }
}
