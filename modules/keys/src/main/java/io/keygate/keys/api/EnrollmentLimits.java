package io.keygate.keys.api;

import java.time.Duration;

/**
 * How many failed enrollments (E6) a source address and a keyId may cause per window before further attempts are
 * answered 429 until the window ends. Only failures before the key's secret matched count: a fleet using an
 * exhausted or disabled key is not locked out as if it were guessing. Counted for all nodes together, in the database.
 */
public record EnrollmentLimits(int failuresPerAddress, int failuresPerKey, Duration window) {

    public static final EnrollmentLimits DEFAULTS = new EnrollmentLimits(20, 50, Duration.ofMinutes(1));

    public EnrollmentLimits {
        if (failuresPerAddress < 1 || failuresPerKey < 1 || window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("Enrollment limits must be positive: " + failuresPerAddress + ", " + failuresPerKey + ", " + window);
        }
    }
}
