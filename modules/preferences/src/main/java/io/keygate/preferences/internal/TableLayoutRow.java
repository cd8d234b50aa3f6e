package io.keygate.preferences.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

@Entity
@Table(name = "table_layout")
public class TableLayoutRow {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "organization_id", nullable = false, updatable = false)
    long organizationId;
    @Column(name = "account_id", nullable = false, updatable = false)
    long accountId;
    @Column(name = "table_name", nullable = false, updatable = false)
    String tableName;
    @Column(name = "visible_columns", nullable = false)
    String visibleColumns;
    @Column(nullable = false)
    String widths;
    @Column(name = "filters_hidden", nullable = false)
    boolean filtersHidden;
    @Column(name = "default_filter_id")
    Long defaultFilterId;
    @Column(name = "modified_at", nullable = false)
    OffsetDateTime modifiedAt;
    @Version
    long version;
}
