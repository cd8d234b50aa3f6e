package io.keygate.audit.api;

import io.keygate.platform.api.CriteriaPages;
import io.keygate.platform.api.Page;
import io.keygate.platform.api.PageRequest;
import io.keygate.platform.api.SortOrder;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/** The organisation's append-only audit trail. Reading it is for ADMINISTRATORs only (A2). */
public interface AuditLog {

    /** Fields a list can be sorted by; newest first unless asked otherwise. */
    Set<String> SORTABLE_FIELDS = Set.of("occurredAt", "action", "actorName", "resourceType", "resourceName", "outcome");

    /** Records a successful change in the caller's transaction, so a rolled-back change leaves no trace. */
    void record(AuditEntry entry);

    /** Records a refusal in a transaction of its own, so it stays even though the caller rolls back. */
    void recordFailure(AuditEntry entry);

    /** Refuses with 403 {@code administrator_required} anyone but an ADMINISTRATOR of an organisation, before any reading starts. */
    void requireReader();

    /** The current organisation's events the filter matches, a page of them, newest first unless sorted otherwise. */
    Page<AuditEvent> list(AuditEventFilter filter, PageRequest page);

    /** Every event the filter matches, in the given order (newest first when none), read in batches (the Audit Log export, X4). */
    long forEach(AuditEventFilter filter, List<SortOrder> sort, CriteriaPages.RowHandler<AuditEvent> each) throws IOException;

    /** The actions and resource types that occur in the organisation's trail, each sorted, for the table's chips. */
    Vocabulary vocabulary();

    /** What the trail's action and resource-type chips can choose from. */
    record Vocabulary(List<String> actions, List<String> resourceTypes) {

        public Vocabulary {
            actions = List.copyOf(actions);
            resourceTypes = List.copyOf(resourceTypes);
        }
    }
}
