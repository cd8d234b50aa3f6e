package io.keygate.tokens.api;

import io.keygate.platform.api.Role;
import java.time.Instant;
import java.util.List;

/**
 * A new API token: its name, the role it acts with (ADMINISTRATOR or READ_ONLY), when it stops working (null: never)
 * and the source addresses it is accepted from (empty: any), as CIDRs like a key's allow-list.
 */
public record CreateApiToken(String name, Role role, Instant expiresAt, List<String> ipAllowList) {
}
