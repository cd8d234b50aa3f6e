package io.keygate.keymaterial.api;

import java.util.Arrays;

/**
 * An organisation's 256-bit data key, encrypted under one master key version; stored as one
 * {@code bytea} (63 bytes), which says itself which master key version opens it:
 * <pre>
 * offset  size  content
 *      0     1  layout byte 0x11 (high nibble 1: a wrapped data key; low nibble: layout version 1)
 *      1     2  master key version, unsigned big-endian (1..32767)
 *      3    12  GCM nonce, random
 *     15    48  AES-256-GCM ciphertext of the 32-byte data key (32) followed by the tag (16)
 * additional data: "keygate/data-key" 0x00, bytes 0..2 above, organisation id (8 bytes, big-endian)
 * </pre>
 * Everything in clear (layout, version) is authenticated too, and the organisation id ties the
 * data key to its organisation.
 */
public record WrappedDataKey(byte[] bytes) {

    public static final byte LAYOUT = 0x11;
    public static final int LENGTH = 63;

    public WrappedDataKey {
        if (bytes == null) {
            throw new IllegalArgumentException("bytes of a wrapped data key are required");
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * The master key version that opens this data key, for storing beside it (finding keys to
     * re-wrap after a rotation).
     *
     * @throws DecryptionFailedException if the bytes are not in the layout above
     */
    public int masterKeyVersion() {
        if (bytes.length != LENGTH || bytes[0] != LAYOUT) {
            throw new DecryptionFailedException(DecryptionFailedException.Reason.MALFORMED,
                    "not a wrapped data key of layout 0x11 (" + bytes.length + " bytes, expected " + LENGTH + ")");
        }
        return ((bytes[1] & 0xFF) << 8) | (bytes[2] & 0xFF);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WrappedDataKey that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "WrappedDataKey[" + bytes.length + " bytes, (redacted)]";
    }
}
