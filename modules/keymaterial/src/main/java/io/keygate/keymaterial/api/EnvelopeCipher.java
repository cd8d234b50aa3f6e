package io.keygate.keymaterial.api;

import io.keygate.keymaterial.internal.AesGcmEnvelopeCipher;

/**
 * Envelope encryption: each organisation has a random 256-bit data key, stored wrapped under the
 * master key (which lives outside the database); secrets are sealed with AES-256-GCM under the data
 * key, bound to their organisation and keyId. Rotating the master key re-wraps data keys only.
 */
public interface EnvelopeCipher {

    static EnvelopeCipher withMasterKey(VersionedSecrets masterKey) {
        return new AesGcmEnvelopeCipher(masterKey);
    }

    /** A fresh random data key for the organisation, wrapped under the current master key version. */
    WrappedDataKey newDataKey(long organizationId);

    /**
     * The same data key wrapped under the current master key version (after a rotation).
     *
     * @throws DecryptionFailedException if {@code dataKey} does not open for this organisation
     */
    WrappedDataKey rewrap(WrappedDataKey dataKey, long organizationId);

    /** Whether {@code dataKey} is wrapped under the current master key version. */
    boolean isCurrent(WrappedDataKey dataKey);

    /**
     * Seals {@code secret} under the data key with a fresh nonce.
     *
     * @throws DecryptionFailedException if {@code dataKey} does not open for {@code context}'s organisation
     */
    EncryptedSecret encrypt(WrappedDataKey dataKey, EncryptionContext context, byte[] secret);

    /**
     * Opens a sealed secret; the caller zeroes the returned array when done.
     *
     * @throws DecryptionFailedException if the data key or the secret does not open for {@code context}
     */
    byte[] decrypt(WrappedDataKey dataKey, EncryptionContext context, EncryptedSecret encrypted);
}
