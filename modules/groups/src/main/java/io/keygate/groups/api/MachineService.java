package io.keygate.groups.api;

import io.keygate.platform.api.Page;
import io.keygate.platform.api.PageRequest;
import java.util.Set;

/** The enrolled machines of the signed-in actor's organisation. Enrollment creates them; a machine never changes group. */
public interface MachineService {

    /** Fields a list can be sorted by. */
    Set<String> SORTABLE_FIELDS = Set.of("hostname", "enrolledAt", "reEnrolledAt", "status");

    Page<MachineSummary> list(MachineFilter filter, PageRequest page);

    MachineSummary get(long id);

    /** ADMINISTRATOR only: status REMOVED, its certificates REVOKED, audited; a removed machine stays listed. */
    void remove(long id);
}
