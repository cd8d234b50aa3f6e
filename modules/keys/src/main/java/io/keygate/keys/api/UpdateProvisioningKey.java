package io.keygate.keys.api;

import java.time.Instant;
import java.util.List;

/** Every editable field (K10: not the machine group) and the version read, to refuse lost updates (K13). */
public record UpdateProvisioningKey(String name, String description, Long signingCertificateId, Boolean enabled,
                                    Boolean exportable, Boolean allowReEnrollment, Integer maxUsage, Instant expiresAt,
                                    List<String> ipAllowList, Long version) {
}
