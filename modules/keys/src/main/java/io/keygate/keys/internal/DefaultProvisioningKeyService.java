package io.keygate.keys.internal;

import io.keygate.audit.api.AuditEntry;
import io.keygate.audit.api.AuditLog;
import io.keygate.certificates.api.SigningCertificateService;
import io.keygate.groups.api.CreateMachineGroup;
import io.keygate.groups.api.MachineGroupService;
import io.keygate.keymaterial.api.EncryptedSecret;
import io.keygate.keymaterial.api.EncryptionContext;
import io.keygate.keymaterial.api.KeyedHash;
import io.keygate.keymaterial.api.SecretHasher;
import io.keygate.keymaterial.api.SecretVault;
import io.keygate.keys.api.CreateProvisioningKey;
import io.keygate.keys.api.CreatedProvisioningKey;
import io.keygate.keys.api.KeyValue;
import io.keygate.keys.api.InvalidKeyValueException;
import io.keygate.keys.api.KeyValueGenerator;
import io.keygate.keys.api.LeakReport;
import io.keygate.keys.api.NewMachineGroupRefusedException;
import io.keygate.keys.api.ProvisioningKeyFilter;
import io.keygate.keys.api.ProvisioningKeyService;
import io.keygate.keys.api.ProvisioningKeySummary;
import io.keygate.keys.api.RotateProvisioningKey;
import io.keygate.keys.api.UpdateProvisioningKey;
import io.keygate.platform.api.Actor;
import io.keygate.platform.api.ConflictException;
import io.keygate.platform.api.CriteriaPages;
import io.keygate.platform.api.CurrentActor;
import io.keygate.platform.api.InvalidInputException;
import io.keygate.platform.api.IpAllowList;
import io.keygate.platform.api.KeygateException;
import io.keygate.platform.api.Names;
import io.keygate.platform.api.NotFoundException;
import io.keygate.platform.api.OrganizationScope;
import io.keygate.platform.api.Page;
import io.keygate.platform.api.PageRequest;
import io.keygate.platform.api.SortOrder;
import io.keygate.platform.api.Timestamps;
import io.keygate.platform.api.UniqueViolation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@ApplicationScoped
@Transactional
public class DefaultProvisioningKeyService implements ProvisioningKeyService {

    static final String RESOURCE = "provisioning key";
    /** A leak report reads at most this much text (a long log excerpt); more is refused, not cut. */
    static final int MAX_LEAK_TEXT = 1_048_576;
    private static final Pattern LEAKED_TOKEN = Pattern.compile("(?<![0-9A-Za-z])" + KeyValue.TOKEN_REGEX + "(?![0-9A-Za-z])");
    /** Who changed a key when the server did it by itself (a rotated key's deadline passed). */
    static final String SYSTEM = "system";

    @PersistenceContext(unitName = "keygate")
    EntityManager em;
    @Inject
    CurrentActor currentActor;
    @Inject
    AuditLog audit;
    @Inject
    OrganizationScope organizations;
    @Inject
    KeyValueGenerator generator;
    @Inject
    SecretHasher hasher;
    @Inject
    SecretVault vault;
    @Inject
    MachineGroupService groups;
    @Inject
    SigningCertificateService certificates;

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ProvisioningKeySummary> list(ProvisioningKeyFilter filter, PageRequest page) {
        long organization = currentActor.get().requireOrganization();
        ProvisioningKeyQueries queries = new ProvisioningKeyQueries(em);
        CriteriaPages.Total total = queries.count(organization, filter);
        CriteriaPages.Slice<ProvisioningKey> slice = queries.page(organization, filter, page, total);
        return CriteriaPages.page(slice.rows().stream().map(this::toSummary).toList(), page, total, slice.more());
    }

    @Override
    public long forEach(ProvisioningKeyFilter filter, List<SortOrder> sort, CriteriaPages.RowHandler<ProvisioningKeySummary> each)
            throws IOException {
        long organization = currentActor.get().requireOrganization();
        return new ProvisioningKeyQueries(em).forEach(organization, filter, sort, key -> each.handle(toSummary(key)));
    }

    @Override
    @Transactional(Transactional.TxType.SUPPORTS)
    public ProvisioningKeySummary get(long id) {
        return toSummary(find(id, currentActor.get().requireOrganization()));
    }

    @Override
    public CreatedProvisioningKey create(CreateProvisioningKey request) {
        Actor actor = currentActor.get();
        ProvisioningKey key = new ProvisioningKey();
        key.organizationId = actor.requireAdministrator();
        key.name = Names.requireValidName("name", request.name());
        key.description = Names.requireValidDescription("description", request.description());
        key.machineGroupId = requireGroup(request.machineGroupId());
        key.signingCertificateId = requireCertificate(request.signingCertificateId());
        key.enabled = request.enabled() == null || request.enabled();
        key.exportable = request.exportable() == null || request.exportable();
        key.allowReEnrollment = Boolean.TRUE.equals(request.allowReEnrollment());
        key.maxUsage = requireMaxUsage(request.maxUsage(), 0);
        key.expiresAt = requireFutureExpiry(request.expiresAt());
        key.ipAllowList = IpAllowList.stored(IpAllowList.validate(request.ipAllowList()));
        return storeNew(actor, key, Map.of());
    }

    @Override
    public CreatedProvisioningKey createInNewGroup(CreateMachineGroup group, CreateProvisioningKey key) {
        currentActor.get().requireAdministrator();
        long groupId;
        try {
            groupId = groups.create(group).id();
        } catch (KeygateException refusal) {
            throw new NewMachineGroupRefusedException(refusal);
        }
        return create(new CreateProvisioningKey(key.name(), key.description(), groupId, key.signingCertificateId(), key.enabled(),
                key.exportable(), key.allowReEnrollment(), key.maxUsage(), key.expiresAt(), key.ipAllowList()));
    }

    @Override
    public CreatedProvisioningKey rotate(long id, RotateProvisioningKey request) {
        Actor actor = currentActor.get();
        ProvisioningKey old = find(id, actor.requireAdministrator());
        OffsetDateTime now = Timestamps.now();
        if (old.replacedBy != null) {
            ProvisioningKey replacement = em.find(ProvisioningKey.class, old.replacedBy);
            throw new ConflictException("key.already.rotated", "The key '" + old.name + "' was already rotated; its replacement is '"
                    + replacement.name + "'.", List.of(old.name, replacement.name));
        }
        if (old.expiresAt != null && !old.expiresAt.isAfter(now)) {
            throw new ConflictException("key.expired", "The key '" + old.name + "' has expired; a rotation would copy that expiry. "
                    + "Create a new key instead.", List.of(old.name));
        }
        OffsetDateTime keepUntil = requireFutureInstant("keepOldValidUntil", request.keepOldValidUntil(), "The old key's deadline");
        if (keepUntil != null && old.expiresAt != null && keepUntil.isAfter(old.expiresAt)) {
            throw new InvalidInputException("deadline_after_expiry", "keepOldValidUntil", "The old key expires at " + old.expiresAt
                    + "; it cannot stay valid after that.");
        }
        ProvisioningKey key = new ProvisioningKey();
        key.organizationId = old.organizationId;
        key.name = request.name() == null ? freeSuccessorName(old) : Names.requireValidName("name", request.name());
        key.description = old.description;
        key.machineGroupId = old.machineGroupId;
        key.signingCertificateId = old.signingCertificateId;
        key.enabled = true;
        key.exportable = old.exportable;
        key.allowReEnrollment = old.allowReEnrollment;
        key.maxUsage = old.maxUsage;
        key.expiresAt = old.expiresAt;
        key.ipAllowList = old.ipAllowList;
        key.rotatedFrom = old.id;
        Map<String, Object> before = old.auditedFields();
        CreatedProvisioningKey created = storeNew(actor, key, Map.of("rotatedFrom", old.id));
        old.replacedBy = key.id;
        if (keepUntil == null) {
            old.enabled = false;
        } else {
            old.retiresAt = keepUntil;
        }
        old.modifiedAt = key.createdAt;
        old.modifiedBy = actor.username();
        flush(old);
        audit.record(AuditEntry.success("provisioning_key.rotate", RESOURCE, old.id, old.name).withDetails(Map.of("keyId", old.keyId,
                "replacementId", key.id, "replacementName", key.name, "replacementKeyId", key.keyId,
                "before", before, "after", old.auditedFields())));
        return created;
    }

    @Override
    public int retireDueKeys() {
        @SuppressWarnings("unchecked")
        List<Number> due = em.createNativeQuery("SELECT keygate_organizations_with_keys_to_retire()").getResultList();
        int retired = 0;
        for (Number organization : due) {
            retired += organizations.call(organization.longValue(), () -> retireDueKeysOf(organization.longValue()));
        }
        return retired;
    }

    private int retireDueKeysOf(long organization) {
        @SuppressWarnings("unchecked")
        List<Object[]> retired = em.createNativeQuery("UPDATE provisioning_key SET enabled = false, version = version + 1, "
                        + "modified_at = now(), modified_by = ? WHERE organization_id = ? AND enabled AND deleted_at IS NULL "
                        + "AND retires_at <= now() RETURNING id, organization_id, name, key_id, retires_at")
                .setParameter(1, SYSTEM)
                .setParameter(2, organization)
                .getResultList();
        for (Object[] key : retired) {
            audit.record(AuditEntry.success("provisioning_key.retire", RESOURCE, key[0], (String) key[2])
                    .withDetails(Map.of("keyId", key[3], "retiresAt", String.valueOf(key[4])))
                    .inOrganization(((Number) key[1]).longValue()));
        }
        return retired.size();
    }

    /** Writes a new key with a fresh value and audits it; {@code key} holds every field but the value's. */
    private CreatedProvisioningKey storeNew(Actor actor, ProvisioningKey key, Map<String, Object> auditDetails) {
        key.createdAt = Timestamps.now();
        key.createdBy = actor.username();
        key.modifiedAt = key.createdAt;
        key.modifiedBy = actor.username();
        requireUniqueName(key.organizationId, key.name, null);
        KeyValue value = generator.generate();
        try {
            key.keyId = value.keyId();
            store(key, value);
            Map<String, Object> details = new LinkedHashMap<>(auditDetails);
            details.put("keyId", key.keyId);
            details.put("machineGroupId", key.machineGroupId);
            details.put("after", key.auditedFields());
            audit.record(AuditEntry.success("provisioning_key.create", RESOURCE, key.id, key.name).withDetails(details));
            return new CreatedProvisioningKey(toSummary(key), value.reveal());
        } finally {
            value.destroy();
        }
    }

    /** The first of laptops-2, laptops-3, ... that no live key uses. */
    private String freeSuccessorName(ProvisioningKey old) {
        String name = old.name;
        for (int attempt = 0; attempt < 1000; attempt++) {
            name = RotateProvisioningKey.successorName(name);
            if (!nameTaken(old.organizationId, name, null)) {
                return name;
            }
        }
        throw ConflictException.duplicateName(RESOURCE, name);
    }

    @Override
    public ProvisioningKeySummary update(long id, UpdateProvisioningKey request) {
        Actor actor = currentActor.get();
        ProvisioningKey key = find(id, actor.requireAdministrator());
        String name = Names.requireValidName("name", request.name());
        String description = Names.requireValidDescription("description", request.description());
        long certificate = requireCertificate(request.signingCertificateId());
        Integer maxUsage = requireMaxUsage(request.maxUsage(), key.usageCount);
        OffsetDateTime expiresAt = sameOrFutureExpiry(request.expiresAt(), key.expiresAt);
        List<String> ipAllowList = IpAllowList.validate(request.ipAllowList());
        for (Object[] required : new Object[][] {{"enabled", request.enabled()}, {"exportable", request.exportable()},
                {"allowReEnrollment", request.allowReEnrollment()}, {"version", request.version()}}) {
            if (required[1] == null) {
                throw new InvalidInputException(required[0] + "_required", (String) required[0], "The field " + required[0] + " is required.");
            }
        }
        if (request.exportable() && !key.exportable) {
            throw new ConflictException("key.not.exportable", "The key '" + key.name + "' was created without View/Export; "
                    + "its value was shown once and can never be exported.", List.of(key.name));
        }
        if (request.version() != key.version) {
            throw ConflictException.staleVersion(RESOURCE, key.name);
        }
        requireUniqueName(key.organizationId, name, key.id);
        Map<String, Object> before = key.auditedFields();
        key.name = name;
        key.description = description;
        key.signingCertificateId = certificate;
        if (request.enabled() && key.retiresAt != null && !key.retiresAt.isAfter(Timestamps.now())) {
            // enabling a key whose rotation deadline passed is a deliberate decision to keep it
            key.retiresAt = null;
        }
        key.enabled = request.enabled();
        key.allowReEnrollment = request.allowReEnrollment();
        if (!request.exportable()) {
            key.exportable = false;
            key.secretCiphertext = null;
        }
        key.maxUsage = maxUsage;
        key.expiresAt = expiresAt;
        key.ipAllowList = IpAllowList.stored(ipAllowList);
        key.modifiedAt = Timestamps.now();
        key.modifiedBy = actor.username();
        flush(key);
        audit.record(AuditEntry.success("provisioning_key.update", RESOURCE, key.id, key.name)
                .withDetails(Map.of("keyId", key.keyId, "before", before, "after", key.auditedFields())));
        return toSummary(key);
    }

    @Override
    public void delete(long id) {
        Actor actor = currentActor.get();
        delete(find(id, actor.requireAdministrator()), actor);
    }

    @Override
    public void delete(long id, long expectedVersion) {
        Actor actor = currentActor.get();
        ProvisioningKey key = find(id, actor.requireAdministrator());
        if (key.version != expectedVersion) {
            throw ConflictException.staleVersion(RESOURCE, key.name);
        }
        delete(key, actor);
    }

    private void delete(ProvisioningKey key, Actor actor) {
        long id = key.id;
        key.deletedAt = Timestamps.now();
        key.enabled = false;
        key.secretCiphertext = null;
        key.exportable = false;
        key.modifiedAt = key.deletedAt;
        key.modifiedBy = actor.username();
        try {
            em.flush();
        } catch (OptimisticLockException deletedMeanwhile) {
            throw new NotFoundException(RESOURCE, String.valueOf(id));
        }
        audit.record(AuditEntry.success("provisioning_key.delete", RESOURCE, key.id, key.name).withDetails(Map.of("keyId", key.keyId)));
    }

    @Override
    public LeakReport disableLeaked(String text) {
        Actor actor = currentActor.get();
        long organization = actor.requireAdministrator();
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("text_missing", "text", "Paste the text in which the keys were found.");
        }
        if (text.length() > MAX_LEAK_TEXT) {
            throw new InvalidInputException("text_too_long", "text", "The text is longer than " + MAX_LEAK_TEXT + " characters; report it in parts.");
        }
        // sorted by keyId: two reports lock the keys they share in the same order, so neither waits for the other forever
        Set<String> tokens = new TreeSet<>();
        Matcher matcher = LEAKED_TOKEN.matcher(text);
        while (matcher.find()) {
            tokens.add(matcher.group());
        }
        int found = 0;
        int unmatched = 0;
        List<ProvisioningKeySummary> disabled = new ArrayList<>();
        List<ProvisioningKeySummary> alreadyDisabled = new ArrayList<>();
        for (String token : tokens) {
            KeyValue value;
            try {
                value = KeyValueParser.parseToken(token, generator.host());
            } catch (InvalidKeyValueException notAKey) {
                // a wrong checksum: a typo or something else that looks alike, not one of Keygate's keys
                continue;
            }
            found++;
            try {
                Optional<ProvisioningKey> leaked = ownKeyWithSecret(value, organization);
                if (leaked.isEmpty()) {
                    unmatched++;
                } else if (!leaked.get().enabledAt(Timestamps.now())) {
                    alreadyDisabled.add(toSummary(leaked.get()));
                } else {
                    ProvisioningKey key = leaked.get();
                    key.enabled = false;
                    key.modifiedAt = Timestamps.now();
                    key.modifiedBy = actor.username();
                    flush(key);
                    audit.record(AuditEntry.success("provisioning_key.leak_disable", RESOURCE, key.id, key.name)
                            .withDetails(Map.of("keyId", key.keyId)));
                    disabled.add(toSummary(key));
                }
            } finally {
                value.destroy();
            }
        }
        audit.record(AuditEntry.success("provisioning_key.leak_report", RESOURCE, null, null).withResource(RESOURCE, null, null)
                .withDetails(Map.of("found", found, "disabled", disabled.stream().map(ProvisioningKeySummary::keyId).toList(),
                        "alreadyDisabled", alreadyDisabled.stream().map(ProvisioningKeySummary::keyId).toList(), "unmatched", unmatched)));
        return new LeakReport(found, disabled, alreadyDisabled, unmatched);
    }

    /** The organisation's live key with the token's keyId, locked, when the token's secret is the key's. */
    private Optional<ProvisioningKey> ownKeyWithSecret(KeyValue value, long organization) {
        List<ProvisioningKey> keys = em.createQuery("SELECT k FROM ProvisioningKey k WHERE k.keyId = :keyId AND k.organizationId = :organization "
                        + "AND k.deletedAt IS NULL", ProvisioningKey.class)
                .setParameter("keyId", value.keyId()).setParameter("organization", organization)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        byte[] input = value.verifierInput();
        try {
            return hasher.verify(input, new KeyedHash(keys.get(0).pepperVersion, keys.get(0).secretHash)) ? Optional.of(keys.get(0)) : Optional.empty();
        } finally {
            Arrays.fill(input, (byte) 0);
        }
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRED)
    public String reveal(long id, ValueAccess how) {
        ProvisioningKey key = find(id, currentActor.get().requireAdministrator());
        if (!key.exportable || key.secretCiphertext == null) {
            throw new ConflictException("key.not.exportable", "The key '" + key.name + "' is not exportable: its value was shown once, at creation.",
                    List.of(key.name));
        }
        byte[] secret = vault.open(context(key), new EncryptedSecret(key.secretCiphertext));
        KeyValue value = new KeyValue(generator.host(), key.keyId, new String(secret, StandardCharsets.US_ASCII).toCharArray());
        Arrays.fill(secret, (byte) 0);
        try {
            audit.record(AuditEntry.success("provisioning_key." + how.name().toLowerCase(), RESOURCE, key.id, key.name)
                    .withDetails(Map.of("keyId", key.keyId)));
            return value.reveal();
        } finally {
            value.destroy();
        }
    }

    private void store(ProvisioningKey key, KeyValue value) {
        byte[] verifierInput = value.verifierInput();
        try {
            KeyedHash hash = hasher.hash(verifierInput);
            key.pepperVersion = hash.pepperVersion();
            key.secretHash = hash.hash();
        } finally {
            Arrays.fill(verifierInput, (byte) 0);
        }
        if (key.exportable) {
            byte[] secret = value.secretBytes();
            try {
                key.secretCiphertext = vault.seal(context(key), secret).bytes();
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        }
        try {
            em.persist(key);
            em.flush();
        } catch (PersistenceException e) {
            if (UniqueViolation.isCauseOf(e)) {
                throw ConflictException.duplicateName(RESOURCE, key.name);
            }
            throw e;
        }
    }

    /** The sealed copy opens only for this organisation and this keyId (another row's ciphertext fails). */
    private static EncryptionContext context(ProvisioningKey key) {
        return new EncryptionContext(key.organizationId, key.keyId);
    }

    private void flush(ProvisioningKey key) {
        try {
            em.flush();
        } catch (OptimisticLockException e) {
            throw ConflictException.staleVersion(RESOURCE, key.name);
        } catch (PersistenceException e) {
            if (UniqueViolation.isCauseOf(e)) {
                throw ConflictException.duplicateName(RESOURCE, key.name);
            }
            throw e;
        }
    }

    private long requireGroup(Long id) {
        if (id == null) {
            throw new InvalidInputException("machine_group_required", "machineGroupId", "The machine group is required.");
        }
        try {
            return groups.get(id).id();
        } catch (NotFoundException e) {
            throw new InvalidInputException("machine_group_unknown", "machineGroupId", "No machine group exists with id " + id + ".");
        }
    }

    private long requireCertificate(Long id) {
        if (id == null) {
            throw new InvalidInputException("signing_certificate_required", "signingCertificateId", "The signing certificate is required.");
        }
        try {
            return certificates.get(id).id();
        } catch (NotFoundException e) {
            throw new InvalidInputException("signing_certificate_unknown", "signingCertificateId", "No signing certificate exists with id " + id + ".");
        }
    }

    private static Integer requireMaxUsage(Integer maxUsage, int usageCount) {
        if (maxUsage != null && maxUsage < Math.max(1, usageCount)) {
            throw new InvalidInputException("max_usage_invalid", "maxUsage", usageCount > 1
                    ? "The maximum usage cannot be below the " + usageCount + " uses the key already has."
                    : "The maximum usage must be 1 or more; leave it empty for unlimited.");
        }
        return maxUsage;
    }

    private static OffsetDateTime requireFutureExpiry(Instant expiresAt) {
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw new InvalidInputException("expiry_in_past", "expiresAt", "The expiry must be in the future.");
        }
        return expiresAt == null ? null : OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC);
    }

    private static OffsetDateTime requireFutureInstant(String field, Instant instant, String what) {
        if (instant != null && !instant.isAfter(Instant.now())) {
            throw new InvalidInputException(field + "_in_past", field, what + " must be in the future.");
        }
        return instant == null ? null : Timestamps.of(instant);
    }

    /** An unchanged expiry may lie in the past (the key expired); a new one must not. */
    private static OffsetDateTime sameOrFutureExpiry(Instant expiresAt, OffsetDateTime current) {
        if (expiresAt != null && current != null && expiresAt.equals(current.toInstant())) {
            return current;
        }
        return requireFutureExpiry(expiresAt);
    }

    private void requireUniqueName(long organization, String name, Long self) {
        if (nameTaken(organization, name, self)) {
            throw ConflictException.duplicateName(RESOURCE, name);
        }
    }

    private boolean nameTaken(long organization, String name, Long self) {
        return !em.createQuery("SELECT k.id FROM ProvisioningKey k WHERE k.organizationId = :organization "
                        + "AND k.deletedAt IS NULL AND LOWER(k.name) = LOWER(:name) AND k.id <> :self", Long.class)
                .setParameter("organization", organization).setParameter("name", name)
                .setParameter("self", self == null ? -1L : self)
                .setFlushMode(FlushModeType.COMMIT)
                .setMaxResults(1).getResultList().isEmpty();
    }

    private ProvisioningKey find(long id, long organization) {
        ProvisioningKey key = em.find(ProvisioningKey.class, id);
        if (key == null || key.organizationId != organization || key.deletedAt != null) {
            throw new NotFoundException(RESOURCE, String.valueOf(id));
        }
        return key;
    }

    private ProvisioningKeySummary toSummary(ProvisioningKey k) {
        String masked = k.exportable ? KeyValue.PREFIX + k.keyId + "_" + KeyValue.MASK : null;
        return new ProvisioningKeySummary(k.id, k.name, k.description, k.machineGroupId, k.signingCertificateId, k.enabledAt(Timestamps.now()),
                k.exportable, k.allowReEnrollment, k.maxUsage, k.usageCount, Timestamps.instant(k.expiresAt),
                IpAllowList.parsed(k.ipAllowList), k.keyId, masked, Timestamps.instant(k.lastUsedAt),
                Timestamps.instant(k.createdAt), k.createdBy, Timestamps.instant(k.modifiedAt), k.modifiedBy, k.version,
                Timestamps.instant(k.retiresAt), k.replacedBy, k.rotatedFrom);
    }
}
