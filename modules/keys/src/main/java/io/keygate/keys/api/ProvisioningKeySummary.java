package io.keygate.keys.api;

import java.time.Instant;
import java.util.List;

/**
 * A provisioning key as pages and the API show it. It never holds the secret: {@code maskedValue} is
 * {@code mpk_<keyId>_••••} for exportable keys and null for the others. {@code enabled} is false once a
 * rotated key's {@code retiresAt} has passed; {@code replacedById} names the key that a rotation created.
 */
public record ProvisioningKeySummary(long id, String name, String description, long machineGroupId,
                                     long signingCertificateId, boolean enabled, boolean exportable,
                                     boolean allowReEnrollment, Integer maxUsage, int usageCount, Instant expiresAt,
                                     List<String> ipAllowList, String keyId, String maskedValue, Instant lastUsedAt,
                                     Instant createdAt, String createdBy, Instant modifiedAt, String modifiedBy,
                                     long version, Instant retiresAt, Long replacedById, Long rotatedFromId) {

    public ProvisioningKeySummary {
        ipAllowList = List.copyOf(ipAllowList);
    }
}
