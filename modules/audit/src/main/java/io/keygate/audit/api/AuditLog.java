package io.keygate.audit.api;

import io.keygate.platform.api.Page;
import io.keygate.platform.api.PageRequest;

/** The organisation's append-only audit trail. */
public interface AuditLog {

    /** Records a successful change in the caller's transaction, so a rolled-back change leaves no trace. */
    void record(AuditEntry entry);

    /** Records a refusal in a transaction of its own, so it stays even though the caller rolls back. */
    void recordFailure(AuditEntry entry);

    /** The current organisation's events, newest first; ADMINISTRATOR only. */
    Page<AuditEvent> list(String action, PageRequest page);
}
