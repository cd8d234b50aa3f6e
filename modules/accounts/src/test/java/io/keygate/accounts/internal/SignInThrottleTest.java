package io.keygate.accounts.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keygate.platform.api.FixedWindows;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** S5: ten failures in five minutes shut an address out, and an account out of the addresses that guessed it. */
class SignInThrottleTest {

    private static final Optional<Long> ALICE = Optional.of(7L);
    private static final Optional<Long> BOB = Optional.of(8L);

    private final SignInThrottle throttle = new SignInThrottle();
    private Instant now = Instant.parse("2026-11-27T10:00:00Z");

    SignInThrottleTest() {
        FixedWindows windows = new FixedWindows();
        throttle.failures = windows;
        windows.useClock(new Clock() {
            @Override
            public Instant instant() {
                return now;
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        });
    }

    @Test
    void theTenthFailureFromAnAddressShutsItOutForTheRestOfTheWindow() {
        for (int i = 1; i < SignInThrottle.FAILURES; i++) {
            assertEquals(Set.of(), throttle.failed("203.0.113.5", ALICE), "failure " + i);
            assertEquals(0, throttle.retryAfter("203.0.113.5", ALICE));
        }
        now = now.plusSeconds(60);

        assertEquals(Set.of(SignInThrottle.Reached.ADDRESS, SignInThrottle.Reached.ACCOUNT), throttle.failed("203.0.113.5", ALICE));

        assertEquals(240, throttle.retryAfter("203.0.113.5", ALICE));
        assertEquals(240, throttle.retryAfter("203.0.113.5", BOB), "the address is shut out whichever account it names");
        assertEquals(240, throttle.retryAfter("203.0.113.5", Optional.empty()));
        assertEquals(0, throttle.retryAfter("198.51.100.9", ALICE), "the owner signs in from elsewhere");
        assertEquals(Set.of(), throttle.failed("203.0.113.5", ALICE), "reached once a window: audited once");
        now = now.plusSeconds(240);
        assertEquals(0, throttle.retryAfter("203.0.113.5", ALICE), "a new window");
    }

    @Test
    void anAccountGuessedFromManyAddressesIsShutOutOfThoseAddressesOnly() {
        for (int i = 1; i <= SignInThrottle.FAILURES; i++) {
            Set<SignInThrottle.Reached> reached = throttle.failed("203.0.113." + i, ALICE);
            assertEquals(i == SignInThrottle.FAILURES ? Set.of(SignInThrottle.Reached.ACCOUNT) : Set.of(), reached, "failure " + i);
        }
        for (int i = 1; i <= SignInThrottle.FAILURES; i++) {
            assertEquals(300, throttle.retryAfter("203.0.113." + i, ALICE), "address " + i + " guessed this account");
            assertEquals(0, throttle.retryAfter("203.0.113." + i, BOB), "but may still sign in as someone else");
        }
        assertEquals(0, throttle.retryAfter("198.51.100.9", ALICE), "an address that never failed for the account");
    }

    @Test
    void unknownNamesCountForTheAddressOnly() {
        for (int i = 0; i < SignInThrottle.FAILURES; i++) {
            throttle.failed("203.0.113.77", Optional.empty());
        }
        assertEquals(300, throttle.retryAfter("203.0.113.77", ALICE));
        assertEquals(0, throttle.retryAfter("198.51.100.1", Optional.empty()));
    }
}
