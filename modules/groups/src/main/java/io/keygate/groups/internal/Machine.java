package io.keygate.groups.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/** An enrolled device: enrollment creates it in the group of the key used; groups count and guard them. */
@Entity
@Table(name = "machine")
public class Machine {

    static final String ACTIVE = "ACTIVE";
    static final String REMOVED = "REMOVED";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "organization_id", nullable = false, updatable = false)
    long organizationId;
    @Column(name = "machine_group_id", nullable = false, updatable = false)
    long machineGroupId;
    @Column(name = "provisioning_key_id", updatable = false)
    Long provisioningKeyId;
    @Column(nullable = false)
    String hostname;
    @Column(nullable = false, updatable = false)
    String fingerprint;
    @Column(nullable = false)
    String os;
    @Column(nullable = false)
    String status;
    @Column(name = "enrolled_at", nullable = false, updatable = false)
    OffsetDateTime enrolledAt;
    @Column(name = "re_enrolled_at")
    OffsetDateTime reEnrolledAt;
    @Column(name = "removed_at")
    OffsetDateTime removedAt;
    @Version
    long version;
}
