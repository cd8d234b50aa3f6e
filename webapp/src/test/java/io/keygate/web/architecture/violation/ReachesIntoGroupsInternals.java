package io.keygate.web.architecture.violation;

import io.keygate.groups.internal.MachineGroup;

/** Deliberately breaks the module boundary, so that ModuleBoundaryTest can show its rule fails. Never deployed. */
public class ReachesIntoGroupsInternals {

    MachineGroup group = new MachineGroup();
}
