package io.keygate.tokens.api;

/** Whether a token is accepted now: revoked beats expired. */
public enum ApiTokenStatus {
    ACTIVE,
    EXPIRED,
    REVOKED
}
