package io.keygate.keys.api;

/**
 * A key value that fails the format check, the first check of an enrollment (E2), made without the
 * database. The reason is for the audit log: callers answer every such failure the same way
 * ({@code 401 invalid_key}, E3). The message never quotes the input. No stack trace is recorded:
 * anyone can send malformed keys, and they should cost the server little.
 */
public class InvalidKeyValueException extends RuntimeException {

    /** Why the value was refused; {@link #code()} is the stable code for audit records. */
    public enum Reason {
        MALFORMED_KEY("malformed_key"),
        BAD_CHECKSUM("bad_checksum"),
        UNSUPPORTED_VERSION("unsupported_version");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final Reason reason;

    public InvalidKeyValueException(Reason reason, String detail) {
        super(reason.code() + ": " + detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public String code() {
        return reason.code();
    }
}
