package io.keygate.keymaterial.internal;

import io.keygate.keymaterial.api.KeyedHash;
import io.keygate.keymaterial.api.SecretHasher;
import io.keygate.keymaterial.api.VersionedSecrets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;

/** HMAC-SHA-256 under the pepper version current at hashing time; a fresh {@link Mac} per call keeps it thread-safe. */
public final class HmacSecretHasher implements SecretHasher {

    private static final String ALGORITHM = "HmacSHA256";

    private final VersionedSecrets pepper;

    public HmacSecretHasher(VersionedSecrets pepper) {
        this.pepper = pepper;
    }

    @Override
    public KeyedHash hash(byte[] secret) {
        int version = pepper.currentVersion();
        byte[] hash = hmac(version, secret);
        try {
            return new KeyedHash(version, hash);
        } finally {
            Arrays.fill(hash, (byte) 0);
        }
    }

    @Override
    public boolean verify(byte[] secret, KeyedHash stored) {
        byte[] expected = stored.hash();
        byte[] actual = hmac(stored.pepperVersion(), secret);
        try {
            return MessageDigest.isEqual(expected, actual);
        } finally {
            Arrays.fill(expected, (byte) 0);
            Arrays.fill(actual, (byte) 0);
        }
    }

    @Override
    public boolean isCurrent(KeyedHash stored) {
        return stored.pepperVersion() == pepper.currentVersion();
    }

    private byte[] hmac(int version, byte[] secret) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(pepper.key(version, ALGORITHM));
            return mac.doFinal(secret);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "HmacSecretHasher[" + pepper.source() + "]";
    }
}
