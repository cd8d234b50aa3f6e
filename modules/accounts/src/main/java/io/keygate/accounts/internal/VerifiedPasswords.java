package io.keygate.accounts.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers for a few minutes that a password matched a stored hash, so that HTTP Basic API calls do not
 * each pay a full PBKDF2 derivation. Holds only an HMAC of the password under a key that lives in memory,
 * and the entry dies as soon as the stored hash changes.
 */
final class VerifiedPasswords {

    private record Entry(byte[] passwordMac, String storedHash, Instant expiresAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final SecretKeySpec key;
    private final Duration lifetime;

    VerifiedPasswords(Duration lifetime) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.key = new SecretKeySpec(random, "HmacSHA256");
        this.lifetime = lifetime;
    }

    boolean isKnownMatch(String username, String password, String storedHash, Instant now) {
        Entry entry = entries.get(username);
        return entry != null
                && entry.storedHash().equals(storedHash)
                && now.isBefore(entry.expiresAt())
                && MessageDigest.isEqual(entry.passwordMac(), mac(password));
    }

    void rememberMatch(String username, String password, String storedHash, Instant now) {
        if (entries.size() > 10_000) {
            entries.clear();
        }
        entries.put(username, new Entry(mac(password), storedHash, now.plus(lifetime)));
    }

    private byte[] mac(String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(PasswordHasher.utf8(password));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
        }
    }
}
