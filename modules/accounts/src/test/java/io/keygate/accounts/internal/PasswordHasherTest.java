package io.keygate.accounts.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(1_000);

    @Test
    void verifiesTheRightPasswordOnly() {
        String stored = hasher.hash("correct horse battery");
        assertTrue(hasher.matches("correct horse battery", stored));
        assertFalse(hasher.matches("correct horse batterz", stored));
        assertFalse(hasher.matches("", stored));
    }

    @Test
    void saltsEveryHashAndNeverStoresThePassword() {
        String first = hasher.hash("same password twice");
        String second = hasher.hash("same password twice");
        assertNotEquals(first, second);
        assertFalse(first.contains("same password"));
        assertTrue(first.startsWith("pbkdf2-sha256$1000$"));
    }

    @Test
    void keepsVerifyingHashesMadeWithAnotherIterationCount() {
        String older = new PasswordHasher(500).hash("an older password");
        assertTrue(hasher.matches("an older password", older));
    }

    @Test
    void refusesMalformedStoredHashes() {
        assertFalse(hasher.matches("x", "plain-text"));
        assertFalse(hasher.matches("x", "md5$1$abc$def"));
    }
}
