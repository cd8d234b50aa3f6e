package io.keygate.keymaterial.api;

/** Something went wrong with server secrets or with data protected by them. */
public class KeyMaterialException extends RuntimeException {

    public KeyMaterialException(String message) {
        super(message);
    }

    public KeyMaterialException(String message, Throwable cause) {
        super(message, cause);
    }
}
