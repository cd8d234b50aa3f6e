package io.keygate.keymaterial.api;

import java.util.Arrays;

/**
 * A secret sealed under its organisation's data key; stored as one {@code bytea}:
 * <pre>
 * offset  size    content
 *      0     1    layout byte 0x21 (high nibble 2: a sealed secret; low nibble: layout version 1)
 *      1    12    GCM nonce, random, fresh for every encryption
 *     13    n+16  AES-256-GCM ciphertext of the n-byte secret followed by the tag (16)
 * additional data: "keygate/secret" 0x00, byte 0 above, organisation id (8 bytes, big-endian),
 *                  keyId length (2 bytes, big-endian), keyId (UTF-8)
 * </pre>
 * A 43-character key secret takes 72 bytes.
 */
public record EncryptedSecret(byte[] bytes) {

    public static final byte LAYOUT = 0x21;
    /** Layout byte, nonce and tag: the bytes added to the secret's own length. */
    public static final int OVERHEAD = 1 + 12 + 16;

    public EncryptedSecret {
        if (bytes == null) {
            throw new IllegalArgumentException("bytes of an encrypted secret are required");
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EncryptedSecret that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "EncryptedSecret[" + bytes.length + " bytes, (redacted)]";
    }
}
