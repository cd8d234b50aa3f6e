package io.keygate.keys.internal;

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
@Table(name = "provisioning_key")
public class ProvisioningKey {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "organization_id", nullable = false, updatable = false)
    long organizationId;
    @Column(nullable = false)
    String name;
    @Column(nullable = false)
    String description;
    @Column(name = "machine_group_id", nullable = false, updatable = false)
    long machineGroupId;
    @Column(name = "signing_certificate_id", nullable = false)
    long signingCertificateId;
    @Column(nullable = false)
    boolean enabled;
    @Column(nullable = false)
    boolean exportable;
    @Column(name = "allow_re_enrollment", nullable = false)
    boolean allowReEnrollment;
    @Column(name = "max_usage")
    Integer maxUsage;
    @Column(name = "usage_count", nullable = false)
    int usageCount;
    @Column(name = "expires_at")
    OffsetDateTime expiresAt;
    @Column(name = "ip_allow_list", nullable = false)
    String ipAllowList;
    @Column(name = "key_id", nullable = false, updatable = false)
    String keyId;
    @Column(name = "pepper_version", nullable = false)
    int pepperVersion;
    @Column(name = "secret_hash", nullable = false)
    byte[] secretHash;
    @Column(name = "secret_ciphertext")
    byte[] secretCiphertext;
    @Column(name = "last_used_at")
    OffsetDateTime lastUsedAt;
    @Column(name = "created_at", nullable = false, updatable = false)
    OffsetDateTime createdAt;
    @Column(name = "created_by", nullable = false, updatable = false)
    String createdBy;
    @Column(name = "modified_at", nullable = false)
    OffsetDateTime modifiedAt;
    @Column(name = "modified_by", nullable = false)
    String modifiedBy;
    @Column(name = "deleted_at")
    OffsetDateTime deletedAt;
    @Column(name = "retires_at")
    OffsetDateTime retiresAt;
    @Column(name = "replaced_by")
    Long replacedBy;
    @Column(name = "rotated_from", updatable = false)
    Long rotatedFrom;
    @Version
    long version;

    /** The audited picture of the editable fields: never the hash or the ciphertext. */
    Map<String, Object> auditedFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("description", description);
        fields.put("signingCertificateId", signingCertificateId);
        fields.put("enabled", enabled);
        fields.put("exportable", exportable);
        fields.put("allowReEnrollment", allowReEnrollment);
        fields.put("maxUsage", maxUsage == null ? "unlimited" : maxUsage);
        fields.put("expiresAt", expiresAt == null ? "never" : expiresAt.toString());
        fields.put("ipAllowList", ipAllowList);
        fields.put("retiresAt", retiresAt == null ? "never" : retiresAt.toString());
        return fields;
    }

    /** Working now as far as status and rotation go: enabled, and not past a rotation's deadline. */
    boolean enabledAt(OffsetDateTime now) {
        return enabled && (retiresAt == null || retiresAt.isAfter(now));
    }

    @Override
    public String toString() {
        return "ProvisioningKey[" + id + ", " + keyId + ", secret not held]";
    }
}
