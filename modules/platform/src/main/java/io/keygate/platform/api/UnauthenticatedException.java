package io.keygate.platform.api;

import java.util.List;

/** No one is signed in. */
public class UnauthenticatedException extends KeygateException {

    public UnauthenticatedException() {
        super("not_authenticated", "Sign in first.", List.of());
    }
}
