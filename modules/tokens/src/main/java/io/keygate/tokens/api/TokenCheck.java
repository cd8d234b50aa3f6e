package io.keygate.tokens.api;

import io.keygate.platform.api.Actor;
import java.util.Objects;

/**
 * What a presented token is worth: the actor it lets in, or a refusal with its HTTP status, id and reason. Until the
 * secret matches every refusal is the same {@code 401 invalid_token}; after that the holder learns why (revoked,
 * expired, address not allowed), as with keys (E3).
 */
public record TokenCheck(Actor actor, int status, String id, String reason) {

    public static TokenCheck accepted(Actor actor) {
        return new TokenCheck(Objects.requireNonNull(actor), 200, null, null);
    }

    public static TokenCheck refused(int status, String id, String reason) {
        return new TokenCheck(null, status, id, reason);
    }

    public static TokenCheck invalid() {
        return refused(401, "invalid_token", "The API token is not valid.");
    }

    public boolean isAccepted() {
        return actor != null;
    }
}
