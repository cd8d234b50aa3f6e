package io.keygate.keymaterial.api;

import io.keygate.keymaterial.internal.HmacSecretHasher;

/**
 * Keyed hashes (HMAC-SHA-256 under the pepper) of secrets, so that the database holds a verifier
 * and never the secret. New hashes use the current pepper version; verification uses the version
 * stored with the hash, so keys hashed before a pepper rotation keep working.
 */
public interface SecretHasher {

    static SecretHasher withPepper(VersionedSecrets pepper) {
        return new HmacSecretHasher(pepper);
    }

    /** The keyed hash of {@code secret} under the current pepper version. */
    KeyedHash hash(byte[] secret);

    /**
     * Whether {@code secret} is the one {@code stored} was made from, compared in constant time.
     *
     * @throws UnknownSecretVersionException if the pepper version of {@code stored} is no longer configured
     */
    boolean verify(byte[] secret, KeyedHash stored);

    /** Whether {@code stored} was made with the current pepper version (else re-hash it on next successful use). */
    boolean isCurrent(KeyedHash stored);
}
