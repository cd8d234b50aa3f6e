package io.keygate.groups.api;

import io.keygate.platform.api.CriteriaPages;
import io.keygate.platform.api.Page;
import io.keygate.platform.api.PageRequest;
import io.keygate.platform.api.SortOrder;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/** The machine groups of the signed-in actor's organisation; other organisations' groups do not exist here. */
public interface MachineGroupService {

    /** Fields a list can be sorted by. */
    Set<String> SORTABLE_FIELDS = Set.of("name", "enabled", "createdAt", "modifiedAt");

    Page<MachineGroupSummary> list(MachineGroupFilter filter, PageRequest page);

    /** Every group the filter matches, in the given order, one at a time, read in batches (exports, X1). */
    long forEach(MachineGroupFilter filter, List<SortOrder> sort, CriteriaPages.RowHandler<MachineGroupSummary> each) throws IOException;

    MachineGroupSummary get(long id);

    MachineGroupSummary create(CreateMachineGroup request);

    MachineGroupSummary update(long id, UpdateMachineGroup request);

    void delete(long id);

    /** {@link #delete(long)} only while the group is at {@code expectedVersion}: else 409 {@code stale_version} and nothing changes. */
    void delete(long id, long expectedVersion);
}
