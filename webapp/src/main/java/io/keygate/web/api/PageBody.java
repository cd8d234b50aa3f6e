package io.keygate.web.api;

import io.keygate.platform.api.Page;
import java.util.List;

/**
 * A page of a list as the API returns it. When {@code totalCountExact} is false the list is longer than
 * {@code totalCount} (and {@code totalPages}): read on until a page comes back empty.
 */
public record PageBody<T>(List<T> list, int page, int pageSize, long totalCount, long totalPages, boolean totalCountExact) {

    static <T> PageBody<T> of(Page<T> page) {
        return new PageBody<>(page.list(), page.page(), page.pageSize(), page.totalCount(), page.totalPages(), page.totalCountExact());
    }
}
