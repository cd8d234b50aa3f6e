package io.keygate.web.api;

import io.keygate.platform.api.Page;
import java.util.List;

/** A page of a list as the API returns it. */
public record PageBody<T>(List<T> list, int page, int pageSize, long totalCount, long totalPages) {

    static <T> PageBody<T> of(Page<T> page) {
        return new PageBody<>(page.list(), page.page(), page.pageSize(), page.totalCount(), page.totalPages());
    }
}
