package io.keygate.platform.api;

import java.util.List;

/** One page of a list and the size of the whole list. */
public record Page<T>(List<T> list, int page, int pageSize, long totalCount) {

    public Page {
        list = List.copyOf(list);
    }

    public long totalPages() {
        return (totalCount + pageSize - 1) / pageSize;
    }
}
