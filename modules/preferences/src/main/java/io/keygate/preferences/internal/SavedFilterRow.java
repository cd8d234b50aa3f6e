package io.keygate.preferences.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import io.keygate.preferences.api.FilterScope;
import java.time.OffsetDateTime;

@Entity
@Table(name = "saved_filter")
public class SavedFilterRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "organization_id", nullable = false, updatable = false)
    long organizationId;
    @Column(name = "account_id", nullable = false, updatable = false)
    long accountId;
    @Column(name = "table_name", nullable = false, updatable = false)
    String tableName;
    @Column(nullable = false)
    String name;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    FilterScope scope;
    @Column(name = "session_key", updatable = false)
    String sessionKey;
    @Column(nullable = false)
    String criteria;
    @Column(name = "created_at", nullable = false, updatable = false)
    OffsetDateTime createdAt;
    @Column(name = "modified_at", nullable = false)
    OffsetDateTime modifiedAt;
    @Version
    long version;
}
