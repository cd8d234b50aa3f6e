package io.keygate.keymaterial.api;

import java.nio.charset.StandardCharsets;

/**
 * What a sealed secret belongs to. It is bound into the GCM additional data, so a ciphertext copied
 * to another row (another keyId) or another organisation no longer opens.
 */
public record EncryptionContext(long organizationId, String keyId) {

    /** Longest keyId in UTF-8 bytes (it is length-prefixed with 2 bytes in the additional data). */
    public static final int MAX_KEY_ID_BYTES = 1024;

    public EncryptionContext {
        if (keyId == null || keyId.isEmpty() || keyId.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_ID_BYTES) {
            throw new IllegalArgumentException("keyId must be 1.." + MAX_KEY_ID_BYTES + " bytes of UTF-8");
        }
    }
}
