package io.keygate.keymaterial.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** An organisation's data key as stored: wrapped by a master key version, never in clear. */
@Entity
@Table(name = "organization_data_key")
public class OrganizationDataKey {

    @Id
    @Column(name = "organization_id")
    long organizationId;
    @Column(name = "master_key_version", nullable = false)
    int masterKeyVersion;
    @Column(name = "wrapped_key", nullable = false)
    byte[] wrappedKey;
    @Column(name = "created_at", nullable = false)
    OffsetDateTime createdAt;
    @Column(name = "rewrapped_at")
    OffsetDateTime rewrappedAt;

    @Override
    public String toString() {
        return "OrganizationDataKey[" + organizationId + ", master key v" + masterKeyVersion + ", wrapped]";
    }
}
