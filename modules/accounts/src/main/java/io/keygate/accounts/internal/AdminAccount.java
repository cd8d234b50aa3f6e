package io.keygate.accounts.internal;

import io.keygate.platform.api.Actor;
import io.keygate.platform.api.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

@Entity
@Table(name = "admin_account")
public class AdminAccount {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "organization_id")
    Long organizationId;
    @Column(nullable = false)
    String username;
    @Column(name = "password_hash", nullable = false)
    String passwordHash;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    Role role;
    @Column(name = "created_at", nullable = false)
    OffsetDateTime createdAt;
    @Column(name = "modified_at", nullable = false)
    OffsetDateTime modifiedAt;
    @Version
    long version;

    Actor toActor() {
        return new Actor(id, username, organizationId, role);
    }
}
