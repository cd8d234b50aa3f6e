package io.keygate.keys.internal;

import io.keygate.keys.api.EnrollmentLimits;
import io.keygate.platform.api.FixedWindows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * Failed enrollments per source address and per keyId in fixed windows, in this node's memory: checked before the
 * key is parsed or looked up, so a flood costs neither the database nor the audit trail more than once per window.
 * With several nodes each counts alone (the limit is per node); issue 9's cluster may share them.
 */
@ApplicationScoped
public class EnrollmentRateLimits {

    @Inject
    Instance<EnrollmentLimits> configured;

    private final FixedWindows failures = new FixedWindows();

    public EnrollmentLimits limits() {
        return configured != null && configured.isResolvable() ? configured.get() : EnrollmentLimits.DEFAULTS;
    }

    /** Seconds until the subject may try again, or 0 when it may try now. */
    public long retryAfter(String subject, int limit) {
        return failures.retryAfter(subject, limit, null);
    }

    /** Counts a failure; true exactly when it is the one that reaches the limit (so it is audited once per window). */
    public boolean failed(String subject, int limit) {
        return failures.count(subject, limits().window(), null) == limit;
    }

    void useClock(Clock clock) {
        failures.useClock(clock);
    }
}
