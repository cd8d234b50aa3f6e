package io.keygate.keymaterial.api;

/**
 * Protected data could not be opened: it is damaged, was moved to another row or organisation, or
 * the master key is not the one it was sealed with. Nothing decrypted is ever returned in that case.
 */
public class DecryptionFailedException extends KeyMaterialException {

    /** Why the data could not be opened. */
    public enum Reason {
        /** Not in any layout this version writes (wrong length, unknown layout byte). */
        MALFORMED,
        /** Sealed under a master key version the configured master key file does not hold. */
        UNKNOWN_MASTER_KEY_VERSION,
        /** The GCM tag did not match: wrong key, wrong organisation or keyId, or altered bytes. */
        AUTHENTICATION_FAILED
    }

    private final Reason reason;

    public DecryptionFailedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public DecryptionFailedException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
