package io.keygate.tokens.api;

import io.keygate.platform.api.Role;
import java.time.Instant;
import java.util.List;

/**
 * An API token as pages and the API show it; never its secret.
 *
 * @param prefix the public start of the token's value ({@code kgt_<tokenId>}), to recognise it in a script or a log
 */
public record ApiTokenSummary(long id, String name, Role role, String prefix, ApiTokenStatus status, Instant expiresAt, List<String> ipAllowList,
                              Instant createdAt, String createdBy, Instant lastUsedAt, String lastUsedFrom, Instant revokedAt, String revokedBy) {

    public ApiTokenSummary {
        ipAllowList = List.copyOf(ipAllowList);
    }
}
