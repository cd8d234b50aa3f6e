package io.keygate.tokens.api;

import io.keygate.platform.api.Actor;
import io.keygate.platform.api.Page;
import io.keygate.platform.api.PageRequest;
import java.util.Optional;

/**
 * The organisation's API tokens. Tokens act with their own role for scripts and pipelines; they are managed by
 * ADMINISTRATORs, and only an admin (not a token) creates one, so a leaked token cannot mint its own successors.
 */
public interface ApiTokenService {

    /** The organisation's tokens, newest first, revoked and expired ones too; ADMINISTRATOR only. */
    Page<ApiTokenSummary> list(PageRequest page);

    ApiTokenSummary get(long id);

    /** An ADMINISTRATOR account only; audited. The value is in the answer and nowhere else. */
    CreatedApiToken create(CreateApiToken request);

    /** From now on every use is refused (401, audited); revoking a revoked token changes nothing. ADMINISTRATOR only. */
    void revoke(long id);

    /**
     * Checks a token presented with a request from {@code sourceAddress}: format and checksum first (no database),
     * then the keyed hash in constant time, then revocation, expiry and the allow-list. Refusals after the secret
     * matched are audited; an accepted use records when and from where the token was last used (at most once a minute).
     */
    TokenCheck authenticate(String presented, String sourceAddress);

    /** The actor of an active token, for the rest of a request it authenticated; empty once it is revoked or expired. */
    Optional<Actor> findActor(long id);
}
