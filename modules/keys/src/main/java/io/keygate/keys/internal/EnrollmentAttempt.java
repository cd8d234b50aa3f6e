package io.keygate.keys.internal;

import io.keygate.audit.api.AuditEntry;
import io.keygate.keys.api.EnrollmentRefusedException.Refusal;
import io.keygate.keys.api.EnrollmentRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/** One enrollment as far as it got: what the audit record names. Never the key's value. */
final class EnrollmentAttempt {

    static final String ACTION = "enrollment.create";

    final EnrollmentRequest request;
    final String hostname;
    final String fingerprint;
    final String os;
    String keyId;
    String keyName;
    Long organizationId;

    EnrollmentAttempt(EnrollmentRequest request, String hostname, String fingerprint, String os) {
        this.request = request;
        this.hostname = hostname;
        this.fingerprint = fingerprint;
        this.os = os;
    }

    /** A request refused before any of its fields could be read: only its address is known. */
    static EnrollmentAttempt unread(String sourceAddress) {
        return new EnrollmentAttempt(new EnrollmentRequest(null, null, null, null, null, sourceAddress, null), null, null, null);
    }

    /** A refusal with its real reason, thrown out of the enrollment's transaction so that it rolls back. */
    Refused refuse(Refusal refusal, String reason) {
        return new Refused(refusal, reason);
    }

    AuditEntry entry(AuditEntry entry) {
        return entry.by(keyId == null ? "enrollment" : "key " + keyId, organizationId);
    }

    Map<String, Object> details(Map<String, Object> more) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sourceAddress", String.valueOf(request.sourceAddress()));
        // a request refused before its fields were read has none
        if (hostname != null) {
            details.put("hostname", hostname);
            details.put("fingerprint", fingerprint);
        }
        if (keyId != null) {
            details.put("keyId", keyId);
        }
        if (keyName != null) {
            details.put("keyName", keyName);
        }
        details.putAll(more);
        return details;
    }

    /** Internal to the keys module: the service audits it after the rollback and answers with the refusal. */
    static final class Refused extends RuntimeException {

        private static final long serialVersionUID = 1L;
        final Refusal refusal;
        final String reason;

        Refused(Refusal refusal, String reason) {
            super(reason, null, false, false);
            this.refusal = refusal;
            this.reason = reason;
        }
    }
}
