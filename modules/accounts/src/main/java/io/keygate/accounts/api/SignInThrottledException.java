package io.keygate.accounts.api;

import io.keygate.platform.api.KeygateException;
import java.util.List;

/**
 * A sign-in refused unheard, the password not checked, after too many failures from the caller's address or for the
 * account from this address (S5). The sign-in page says when to try again; the API answers 429 with Retry-After.
 */
public final class SignInThrottledException extends KeygateException {

    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    public SignInThrottledException(long retryAfterSeconds) {
        super("sign_in_throttled", "Too many failed sign-ins; try again in " + retryAfterSeconds + " seconds.",
                List.of(String.valueOf(retryAfterSeconds)));
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
