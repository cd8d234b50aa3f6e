package io.keygate.keymaterial.api;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * HMAC-SHA-256 of a secret under one pepper version, stored instead of the secret (two columns:
 * the version and the 32 bytes). Check a candidate with {@link SecretHasher#verify}, not with equals.
 */
public record KeyedHash(int pepperVersion, byte[] hash) {

    public static final int HASH_LENGTH = 32;

    public KeyedHash {
        if (pepperVersion < 1 || pepperVersion > VersionedSecrets.MAX_VERSION) {
            throw new IllegalArgumentException("pepper version must be 1.." + VersionedSecrets.MAX_VERSION + ": " + pepperVersion);
        }
        if (hash == null || hash.length != HASH_LENGTH) {
            throw new IllegalArgumentException("a keyed hash is " + HASH_LENGTH + " bytes");
        }
        hash = hash.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyedHash that && pepperVersion == that.pepperVersion
                && MessageDigest.isEqual(hash, that.hash);
    }

    @Override
    public int hashCode() {
        return 31 * pepperVersion + Arrays.hashCode(hash);
    }

    /** A verifier is as sensitive as a password hash: it is never printed. */
    @Override
    public String toString() {
        return "KeyedHash[pepperVersion=" + pepperVersion + ", hash=(redacted)]";
    }
}
