package io.keygate.keys.api;

import io.keygate.platform.api.KeygateException;

/**
 * The machine group to be created together with a key was refused: its fields, not the key's, need
 * correcting. Nothing was written.
 */
public class NewMachineGroupRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NewMachineGroupRefusedException(KeygateException refusal) {
        super(refusal.reason(), refusal);
    }

    public KeygateException refusal() {
        return (KeygateException) getCause();
    }
}
