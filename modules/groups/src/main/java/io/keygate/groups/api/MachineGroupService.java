package io.keygate.groups.api;

import io.keygate.platform.api.Page;
import io.keygate.platform.api.PageRequest;
import java.util.Set;

/** The machine groups of the signed-in actor's organisation; other organisations' groups do not exist here. */
public interface MachineGroupService {

    /** Fields a list can be sorted by. */
    Set<String> SORTABLE_FIELDS = Set.of("name", "enabled", "createdAt", "modifiedAt");

    Page<MachineGroupSummary> list(MachineGroupFilter filter, PageRequest page);

    MachineGroupSummary get(long id);

    MachineGroupSummary create(CreateMachineGroup request);

    MachineGroupSummary update(long id, UpdateMachineGroup request);

    void delete(long id);
}
