package io.keygate.keys.internal;

import io.keygate.audit.api.AuditEntry;
import io.keygate.audit.api.AuditLog;
import io.keygate.certificates.api.ClientCertificateIssuer.CertificateRequest;
import io.keygate.certificates.api.ClientCertificateIssuer.ClientCertificate;
import io.keygate.certificates.api.ClientCertificateIssuer;
import io.keygate.groups.api.MachineEnrollments.EnrollmentGroup;
import io.keygate.groups.api.MachineEnrollments.IssuedCertificate;
import io.keygate.groups.api.MachineEnrollments.NewMachine;
import io.keygate.groups.api.MachineEnrollments;
import io.keygate.keymaterial.api.KeyedHash;
import io.keygate.keymaterial.api.SecretHasher;
import io.keygate.keys.api.Enrollment;
import io.keygate.keys.api.EnrollmentRefusedException.Refusal;
import io.keygate.keys.api.KeyValue;
import io.keygate.platform.api.IpAllowList;
import io.keygate.platform.api.OrganizationScope;
import io.keygate.platform.api.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The part of an enrollment that reads and writes, in one transaction. The key's row is locked (SELECT ... FOR
 * UPDATE) once its secret has matched, so enrollments with one key run one after another: the usage limit, the
 * re-enrollment rule and a concurrent disable are decided on committed state, and the machine is written in the
 * same transaction as the use it consumes. {@code CHECK (usage_count <= max_usage)} stays as the backstop.
 */
@ApplicationScoped
@Transactional
public class EnrollmentTransaction {

    /** Compared against when no key has the keyId, so an unknown keyId costs what a wrong secret costs (E3). */
    private static final KeyedHash UNKNOWN_KEY = new KeyedHash(1, new byte[KeyedHash.HASH_LENGTH]);

    @PersistenceContext(unitName = "keygate")
    EntityManager em;
    @Inject
    SecretHasher hasher;
    @Inject
    ClientCertificateIssuer certificates;
    @Inject
    MachineEnrollments machines;
    @Inject
    AuditLog audit;
    @Inject
    OrganizationScope organizations;

    /** The key is found across organisations by its public id alone; everything after runs in the key's organisation. */
    public Enrollment enroll(KeyValue value, CertificateRequest csr, EnrollmentAttempt attempt) {
        VerifiedKey key = verified(value, attempt);
        return organizations.call(key.organizationId(), () -> enrollWith(key.row(), csr, attempt));
    }

    /** The key whose secret matched: its row and its organisation. */
    private record VerifiedKey(long row, long organizationId) {
    }

    private Enrollment enrollWith(long keyRow, CertificateRequest csr, EnrollmentAttempt attempt) {
        ProvisioningKey key = em.find(ProvisioningKey.class, keyRow, LockModeType.PESSIMISTIC_WRITE);
        attempt.keyName = key.name;
        if (key.deletedAt != null) {
            throw attempt.refuse(Refusal.INVALID_KEY, "key_deleted");
        }
        OffsetDateTime now = Timestamps.now();
        if (!key.enabledAt(now)) {
            throw attempt.refuse(Refusal.KEY_DISABLED, key.enabled ? "key_retired" : "key_disabled");
        }
        if (key.expiresAt != null && !key.expiresAt.isAfter(now)) {
            throw attempt.refuse(Refusal.KEY_EXPIRED, "key_expired");
        }
        if (!IpAllowList.permits(key.ipAllowList, attempt.request.sourceAddress())) {
            throw attempt.refuse(Refusal.IP_NOT_ALLOWED, "ip_not_allowed");
        }
        Optional<EnrollmentGroup> group = machines.group(key.organizationId, key.machineGroupId);
        if (group.isEmpty() || !group.get().enabled()) {
            throw attempt.refuse(Refusal.GROUP_DISABLED, group.isEmpty() ? "group_missing" : "group_disabled");
        }
        Optional<Long> enrolled = machines.activeMachine(key.organizationId, key.id, attempt.fingerprint);
        if (enrolled.isPresent() && !key.allowReEnrollment) {
            throw attempt.refuse(Refusal.ALREADY_ENROLLED, "already_enrolled");
        }
        if (enrolled.isEmpty() && key.maxUsage != null && key.usageCount >= key.maxUsage) {
            throw attempt.refuse(Refusal.KEY_EXHAUSTED, "key_exhausted");
        }

        ClientCertificate certificate = certificates.issue(key.organizationId, key.signingCertificateId, csr, attempt.hostname,
                attempt.request.certificateLifetime());
        IssuedCertificate issued = new IssuedCertificate(key.signingCertificateId, certificate.serialNumber(), certificate.notBefore(),
                certificate.notAfter(), certificate.certificatePem());
        long machineId;
        if (enrolled.isPresent()) {
            machineId = enrolled.get();
            machines.reEnroll(key.organizationId, machineId, attempt.hostname, attempt.os, issued);
        } else {
            machineId = machines.enroll(new NewMachine(key.organizationId, key.machineGroupId, key.id, attempt.hostname, attempt.fingerprint,
                    attempt.os), issued);
        }
        // the use and the last-use columns, without the key's version: an admin editing the key meanwhile is not made stale
        em.createNativeQuery("UPDATE provisioning_key SET usage_count = usage_count + ?1, last_used_at = ?2, last_used_address = ?3, "
                        + "last_used_machine = ?4 WHERE id = ?5")
                .setParameter(1, enrolled.isPresent() ? 0 : 1).setParameter(2, now).setParameter(3, truncate(attempt.request.sourceAddress(), 64))
                .setParameter(4, attempt.hostname).setParameter(5, key.id).executeUpdate();
        audit.record(attempt.entry(AuditEntry.success(EnrollmentAttempt.ACTION, "machine", machineId, attempt.hostname))
                .withDetails(attempt.details(Map.of("machineGroup", group.get().name(), "certificateSerial", certificate.serialNumber(),
                        "reEnrolled", enrolled.isPresent()))));
        return new Enrollment(machineId, key.machineGroupId, group.get().name(), enrolled.isPresent(), certificate.serialNumber(),
                certificate.chainPem());
    }

    /**
     * The row id and organisation of the live key with this key id whose secret matches, through the one function that
     * reads keys of every organisation ({@code keygate_enrollment_verifier}, db/V14).
     */
    private VerifiedKey verified(KeyValue value, EnrollmentAttempt attempt) {
        @SuppressWarnings("unchecked")
        List<Object[]> found = em.createNativeQuery("SELECT id, organization_id, pepper_version, secret_hash "
                        + "FROM keygate_enrollment_verifier(?1)")
                .setParameter(1, value.keyId()).getResultList();
        KeyedHash stored = found.isEmpty() ? UNKNOWN_KEY : new KeyedHash(((Number) found.get(0)[2]).intValue(), (byte[]) found.get(0)[3]);
        byte[] input = value.verifierInput();
        boolean matches;
        try {
            matches = hasher.verify(input, stored) && !found.isEmpty();
        } finally {
            Arrays.fill(input, (byte) 0);
        }
        if (!matches) {
            attempt.organizationId = found.isEmpty() ? null : ((Number) found.get(0)[1]).longValue();
            throw attempt.refuse(Refusal.INVALID_KEY, found.isEmpty() ? "unknown_key_id" : "wrong_secret");
        }
        attempt.organizationId = ((Number) found.get(0)[1]).longValue();
        return new VerifiedKey(((Number) found.get(0)[0]).longValue(), attempt.organizationId);
    }

    private static String truncate(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }
}
