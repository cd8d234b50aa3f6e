package io.keygate.keys.internal;

import io.keygate.keys.api.EnrollmentLimits;
import io.keygate.platform.api.RateWindows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * Failed enrollments per source address and per keyId in fixed windows, counted in the database so that the limits
 * hold for all nodes together ({@link RateWindows}): checked before the key is parsed or looked up, and a node that
 * has seen a subject refused refuses it without asking again, so a flood costs neither the database nor the audit
 * trail more than once per window.
 */
@ApplicationScoped
public class EnrollmentRateLimits {

    /** Names these limits' windows apart from the other limits' in the shared store. */
    private static final String LIMIT = "enrollment ";

    @Inject
    Instance<EnrollmentLimits> configured;
    @Inject
    RateWindows failures;

    public EnrollmentLimits limits() {
        return configured != null && configured.isResolvable() ? configured.get() : EnrollmentLimits.DEFAULTS;
    }

    /** Seconds until the subject may try again, or 0 when it may try now. */
    public long retryAfter(String subject, int limit) {
        return failures.retryAfter(LIMIT + subject, limit, null);
    }

    /** Counts a failure: the window's failures with it (exact up to the limit plus one) and the seconds until it ends. */
    public RateWindows.Count failed(String subject, int limit) {
        return failures.count(LIMIT + subject, limit, limits().window(), null);
    }
}
