package io.keygate.groups.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** An enrolled device; enrollment (a later issue) creates them, groups count and guard them. */
@Entity
@Table(name = "machine")
public class Machine {

    @Id
    Long id;
    @Column(name = "organization_id", nullable = false)
    long organizationId;
    @Column(name = "machine_group_id", nullable = false)
    long machineGroupId;
    @Column(nullable = false)
    String hostname;
    @Column(name = "enrolled_at", nullable = false)
    OffsetDateTime enrolledAt;
}
