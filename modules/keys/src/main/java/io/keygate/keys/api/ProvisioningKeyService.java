package io.keygate.keys.api;

import io.keygate.groups.api.CreateMachineGroup;
import io.keygate.platform.api.CriteriaPages;
import io.keygate.platform.api.Page;
import io.keygate.platform.api.PageRequest;
import io.keygate.platform.api.SortOrder;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/** The provisioning keys of the signed-in actor's organisation. */
public interface ProvisioningKeyService {

    Set<String> SORTABLE_FIELDS = Set.of("name", "enabled", "usageCount", "expiresAt", "lastUsedAt", "createdAt");

    Page<ProvisioningKeySummary> list(ProvisioningKeyFilter filter, PageRequest page);

    /**
     * Every key the filter matches, in the given order, handed over one at a time (exports, X1): read in batches,
     * so memory stays flat however many keys match. Returns how many were handed over.
     */
    long forEach(ProvisioningKeyFilter filter, List<SortOrder> sort, CriteriaPages.RowHandler<ProvisioningKeySummary> each) throws IOException;

    ProvisioningKeySummary get(long id);

    /** Writes the key and returns its value: the only time a non-exportable key's value exists outside the request. */
    CreatedProvisioningKey create(CreateProvisioningKey request);

    /**
     * Creates the group and the key in it in one transaction (the Add wizard's inline group, K3): a refused
     * key leaves no group behind. A refused group is reported as {@link NewMachineGroupRefusedException}.
     */
    CreatedProvisioningKey createInNewGroup(CreateMachineGroup group, CreateProvisioningKey key);

    /**
     * A new key for the same group and certificate with the same settings, and its value, this once (K12).
     * The old key stops working now, or at {@code keepOldValidUntil}; it stays listed, pointing to its replacement.
     */
    CreatedProvisioningKey rotate(long id, RotateProvisioningKey request);

    /** Disables the rotated keys whose time is up, in every organisation; returns how many. Work of the server, not of an admin. */
    int retireDueKeys();

    ProvisioningKeySummary update(long id, UpdateProvisioningKey request);

    /** The key stops working at once; its record stays for the audit trail (K11). */
    void delete(long id);

    /** {@link #delete(long)} only while the key is at {@code expectedVersion}: else 409 {@code stale_version} and nothing changes. */
    void delete(long id, long expectedVersion);

    /**
     * Disables at once every key of the caller's organisation whose value appears in {@code text} (a log, a commit, a
     * chat message), for an ADMINISTRATOR: each {@code mpk_} token with a valid checksum whose secret matches the
     * key's. Audited per key disabled and once for the report; the text is read, never kept.
     */
    LeakReport disableLeaked(String text);

    /** The value of an exportable key, for an ADMINISTRATOR; audited as {@code how} (reveal, copy, download). */
    String reveal(long id, ValueAccess how);

    /** How an admin took a key's value, for the audit trail (K9). */
    enum ValueAccess {
        REVEAL,
        COPY,
        DOWNLOAD
    }
}
