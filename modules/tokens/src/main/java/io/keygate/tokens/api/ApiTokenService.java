package io.keygate.tokens.api;

import io.keygate.platform.api.Actor;
import io.keygate.platform.api.Page;
import io.keygate.platform.api.PageRequest;
import java.util.Optional;

/**
 * The organisation's API tokens. Tokens act with their own role for scripts and pipelines, under the name
 * {@code token:<name>}. They are managed (listed, created, revoked) by ADMINISTRATORs signed in as themselves, never
 * with a token (403 {@code account_required}): a leaked token can neither mint successors nor touch the other tokens.
 */
public interface ApiTokenService {

    /** The organisation's tokens, newest first, revoked and expired ones too. */
    Page<ApiTokenSummary> list(PageRequest page);

    ApiTokenSummary get(long id);

    /** An ADMINISTRATOR account only; audited. The value is in the answer and nowhere else. */
    CreatedApiToken create(CreateApiToken request);

    /** From now on every use is refused (401, audited); revoking a revoked token changes nothing. */
    void revoke(long id);

    /**
     * Checks a token presented with a request from {@code sourceAddress}: format and checksum first (no database),
     * then the keyed hash in constant time, then revocation, expiry and the allow-list. Every refusal of a known token id is
     * audited (a wrong secret too: the id is public); an accepted use records when and from where the token was last used
     * (at most once a minute).
     */
    TokenCheck authenticate(String presented, String sourceAddress);

    /** The actor of an active token, for the rest of a request it authenticated; empty once it is revoked or expired. */
    Optional<Actor> findActor(long id);
}
