package io.keygate.groups.api;

import java.time.Instant;

public record MachineGroupSummary(long id, String name, String description, boolean enabled, long machineCount,
                                  Instant createdAt, String createdBy, Instant modifiedAt, String modifiedBy,
                                  long version) {
}
