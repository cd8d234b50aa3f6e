package io.keygate.accounts.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VerifiedPasswordsTest {

    private final VerifiedPasswords verified = new VerifiedPasswords(Duration.ofMinutes(5));
    private final Instant now = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void remembersAMatchForTheSamePasswordAndHashOnly() {
        verified.rememberMatch("alice", "s3cret-password", "hash-1", now);
        assertTrue(verified.isKnownMatch("alice", "s3cret-password", "hash-1", now.plusSeconds(60)));
        assertFalse(verified.isKnownMatch("alice", "wrong-password", "hash-1", now));
        assertFalse(verified.isKnownMatch("bob", "s3cret-password", "hash-1", now));
    }

    @Test
    void forgetsWhenThePasswordChangesOrTimePasses() {
        verified.rememberMatch("alice", "s3cret-password", "hash-1", now);
        assertFalse(verified.isKnownMatch("alice", "s3cret-password", "hash-2", now));
        assertFalse(verified.isKnownMatch("alice", "s3cret-password", "hash-1", now.plus(Duration.ofMinutes(5))));
    }
}
