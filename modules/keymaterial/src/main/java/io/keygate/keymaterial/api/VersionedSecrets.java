package io.keygate.keymaterial.api;

import java.util.SortedSet;
import javax.crypto.SecretKey;

/**
 * Versioned 32-byte server secrets (the pepper, the master key), kept outside the database. The
 * highest version is current and protects new data; older versions stay to verify and decrypt what
 * they protected until that data is gone (rotation).
 */
public interface VersionedSecrets {

    /** Length of every secret, in bytes. */
    int SECRET_LENGTH = 32;

    /** Highest version allowed: versions are stored in 2 bytes and in {@code smallint} columns. */
    int MAX_VERSION = 32_767;

    int currentVersion();

    /** Every version held, ascending. */
    SortedSet<Integer> versions();

    /**
     * The secret of one version as a key for {@code javax.crypto} ({@code "HmacSHA256"}, {@code "AES"}).
     *
     * @throws UnknownSecretVersionException if this version is not held
     */
    SecretKey key(int version, String algorithm);

    /** Where the secrets came from, for messages (a file path); never the secrets themselves. */
    String source();
}
