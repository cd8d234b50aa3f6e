package io.keygate.groups.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

@Entity
@Table(name = "machine_group")
public class MachineGroup {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "organization_id", nullable = false, updatable = false)
    long organizationId;
    @Column(nullable = false)
    String name;
    @Column(nullable = false)
    String description;
    @Column(nullable = false)
    boolean enabled;
    @Column(name = "created_at", nullable = false, updatable = false)
    OffsetDateTime createdAt;
    @Column(name = "created_by", nullable = false, updatable = false)
    String createdBy;
    @Column(name = "modified_at", nullable = false)
    OffsetDateTime modifiedAt;
    @Column(name = "modified_by", nullable = false)
    String modifiedBy;
    @Version
    long version;

    /** The audited picture of the editable fields. */
    Map<String, Object> auditedFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("description", description);
        fields.put("enabled", enabled);
        return fields;
    }
}
