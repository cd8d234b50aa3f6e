package io.keygate.keys.internal;

import io.keygate.keys.api.EnrollmentLimits;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failed enrollments per source address and per keyId in fixed windows, in this node's memory: checked before the
 * key is parsed or looked up, so a flood costs neither the database nor the audit trail more than once per window.
 * With several nodes each counts alone (the limit is per node); issue 9's cluster may share them.
 */
@ApplicationScoped
public class EnrollmentRateLimits {

    /** Beyond this many tracked subjects, windows that have ended are dropped. */
    static final int PURGE_ABOVE = 10_000;

    @Inject
    Instance<EnrollmentLimits> configured;

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private Clock clock = Clock.systemUTC();

    public EnrollmentLimits limits() {
        return configured != null && configured.isResolvable() ? configured.get() : EnrollmentLimits.DEFAULTS;
    }

    /** Seconds until the subject may try again, or 0 when it may try now. */
    public long retryAfter(String subject, int limit) {
        long now = clock.millis();
        Window window = windows.get(subject);
        if (window == null || window.endsAt <= now || window.failures.get() < limit) {
            return 0;
        }
        return Math.max(1, (window.endsAt - now + 999) / 1000);
    }

    /** Counts a failure; true exactly when it is the one that reaches the limit (so it is audited once per window). */
    public boolean failed(String subject, int limit) {
        long now = clock.millis();
        if (windows.size() > PURGE_ABOVE) {
            windows.values().removeIf(window -> window.endsAt <= now);
        }
        Window window = windows.compute(subject, (key, current) ->
                current == null || current.endsAt <= now ? new Window(now + limits().window().toMillis()) : current);
        return window.failures.incrementAndGet() == limit;
    }

    void useClock(Clock clock) {
        this.clock = clock;
    }

    private static final class Window {

        final long endsAt;
        final AtomicInteger failures = new AtomicInteger();

        Window(long endsAt) {
            this.endsAt = endsAt;
        }
    }
}
