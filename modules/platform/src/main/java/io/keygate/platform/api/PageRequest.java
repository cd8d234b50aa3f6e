package io.keygate.platform.api;

import java.util.List;

/** Which slice of a sorted list to return; pages are 1-based. */
public record PageRequest(int page, int pageSize, List<SortOrder> sort) {

    public static final int DEFAULT_PAGE_SIZE = 20;
    public static final int MAX_PAGE_SIZE = 500;

    public PageRequest {
        if (page < 1) {
            throw new InvalidInputException("page_invalid", "page", "The page must be 1 or more.");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new InvalidInputException("page_size_invalid", "pageSize",
                    "The page size must be between 1 and " + MAX_PAGE_SIZE + ".");
        }
        if ((long) (page - 1) * pageSize > Integer.MAX_VALUE) {
            throw new InvalidInputException("page_invalid", "page", "The page is beyond the end of any list.");
        }
        sort = List.copyOf(sort);
    }

    /** The zero-based index of the first row of this page; it fits JPA's int offsets. */
    public int offset() {
        return (page - 1) * pageSize;
    }
}
