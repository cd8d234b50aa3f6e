package io.keygate.keymaterial.api;

/**
 * Seals and opens the secrets of an organisation under its data key. The data key is made on first use and
 * stored only wrapped by the master key, so the database alone opens nothing.
 */
public interface SecretVault {

    EncryptedSecret seal(EncryptionContext context, byte[] secret);

    /**
     * The secret; the caller zeroes the array when done.
     *
     * @throws DecryptionFailedException if the sealed bytes do not belong to {@code context}
     */
    byte[] open(EncryptionContext context, EncryptedSecret sealed);
}
