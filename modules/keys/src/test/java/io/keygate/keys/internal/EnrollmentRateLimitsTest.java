package io.keygate.keys.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.platform.api.FixedWindows;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EnrollmentRateLimitsTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-27T10:00:00Z"));
    private final EnrollmentRateLimits limits = new EnrollmentRateLimits();

    private final FixedWindows windows = new FixedWindows();

    EnrollmentRateLimitsTest() {
        windows.useClock(clock);
        limits.failures = windows;
    }

    @Test
    void refusesASubjectAtItsLimitUntilTheWindowEndsAndOthersNever() {
        for (int i = 1; i <= 20; i++) {
            assertEquals(0, limits.retryAfter("address 198.51.100.7", 20), "failure " + i + " may still try");
            assertEquals(i, limits.failed("address 198.51.100.7", 20).events(), "each failure is counted once");
        }
        assertEquals(60, limits.retryAfter("address 198.51.100.7", 20));
        assertEquals(0, limits.retryAfter("address 203.0.113.9", 20), "another address is unaffected");

        clock.advance(Duration.ofSeconds(45));
        assertEquals(15, limits.retryAfter("address 198.51.100.7", 20), "Retry-After counts down to the end of the window");
        clock.advance(Duration.ofSeconds(15));
        assertEquals(0, limits.retryAfter("address 198.51.100.7", 20), "a new window starts clean");
        assertEquals(1, limits.failed("address 198.51.100.7", 20).events(), "the new window counts from one");
    }

    @Test
    void dropsEndedWindowsWhenManySubjectsAreTracked() {
        for (int i = 0; i <= FixedWindows.PURGE_ABOVE; i++) {
            limits.failed("address " + i, 1);
        }
        clock.advance(Duration.ofMinutes(2));
        assertEquals(1, limits.failed("address new", 1).events());
        assertEquals(0, limits.retryAfter("address 5", 1));
    }

    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public long millis() {
            return now.toEpochMilli();
        }
    }
}
