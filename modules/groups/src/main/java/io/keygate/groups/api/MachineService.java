package io.keygate.groups.api;

import io.keygate.platform.api.CriteriaPages;
import io.keygate.platform.api.Page;
import io.keygate.platform.api.PageRequest;
import io.keygate.platform.api.SortOrder;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/** The enrolled machines of the signed-in actor's organisation. Enrollment creates them; a machine never changes group. */
public interface MachineService {

    /** Fields a list can be sorted by. */
    Set<String> SORTABLE_FIELDS = Set.of("hostname", "enrolledAt", "reEnrolledAt", "status");

    Page<MachineSummary> list(MachineFilter filter, PageRequest page);

    /** Every machine the filter matches, in the given order (by hostname when none), one at a time, read in batches (exports, X1). */
    long forEach(MachineFilter filter, List<SortOrder> sort, CriteriaPages.RowHandler<MachineSummary> each) throws IOException;

    MachineSummary get(long id);

    /** ADMINISTRATOR only: status REMOVED, its certificates REVOKED, audited; a removed machine stays listed. */
    void remove(long id);
}
