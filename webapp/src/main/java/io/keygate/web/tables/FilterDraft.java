package io.keygate.web.tables;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** The filter bar's inputs of one table, as the admin fills them in before Apply. */
public interface FilterDraft extends Serializable {

    /** The filters the inputs ask for, as named values; the owning module refuses malformed ones when they are applied. */
    Map<String, List<String>> toCriteria();
}
