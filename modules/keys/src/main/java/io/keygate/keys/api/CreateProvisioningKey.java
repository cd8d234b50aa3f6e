package io.keygate.keys.api;

import java.time.Instant;
import java.util.List;

/** A new key; null {@code enabled} means enabled, null {@code exportable} means exportable (K2 defaults). */
public record CreateProvisioningKey(String name, String description, Long machineGroupId, Long signingCertificateId,
                                    Boolean enabled, Boolean exportable, Boolean allowReEnrollment, Integer maxUsage,
                                    Instant expiresAt, List<String> ipAllowList) {
}
