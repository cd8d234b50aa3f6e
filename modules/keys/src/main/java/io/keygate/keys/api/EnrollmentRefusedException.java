package io.keygate.keys.api;

import io.keygate.platform.api.KeygateException;
import java.util.List;

/**
 * A key that does not admit an enrollment (E3). Until the secret matches, every refusal is {@link Refusal#INVALID_KEY};
 * once it matches, the caller holds the key and is told the precise reason. The audit log has the real reason always.
 */
public class EnrollmentRefusedException extends KeygateException {

    /** The answers of E3, with their HTTP status. */
    public enum Refusal {
        INVALID_KEY(401, "invalid_key", "The provisioning key is not valid."),
        KEY_DISABLED(403, "key_disabled", "The provisioning key is disabled."),
        KEY_EXPIRED(403, "key_expired", "The provisioning key has expired."),
        KEY_EXHAUSTED(403, "key_exhausted", "The provisioning key has reached its maximum number of enrollments."),
        IP_NOT_ALLOWED(403, "ip_not_allowed", "The provisioning key may not be used from this address."),
        GROUP_DISABLED(403, "group_disabled", "The machine group of this provisioning key is disabled."),
        ALREADY_ENROLLED(409, "already_enrolled", "This machine is already enrolled with this provisioning key, which does not allow re-enrollment."),
        RATE_LIMITED(429, "rate_limited", "Too many failed enrollments from this address or with this key; try again later.");

        private final int status;
        private final String id;
        private final String reason;

        Refusal(int status, String id, String reason) {
            this.status = status;
            this.id = id;
            this.reason = reason;
        }

        public int status() {
            return status;
        }

        public String id() {
            return id;
        }
    }

    private final Refusal refusal;
    private final long retryAfterSeconds;

    public EnrollmentRefusedException(Refusal refusal) {
        this(refusal, 0);
    }

    /** A refusal that ends after {@code retryAfterSeconds} (429, E6). */
    public EnrollmentRefusedException(Refusal refusal, long retryAfterSeconds) {
        super(refusal.id, refusal.reason, List.of());
        this.refusal = refusal;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Seconds until a rate-limited caller may try again; 0 for other refusals. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public Refusal refusal() {
        return refusal;
    }

    public int status() {
        return refusal.status;
    }
}
