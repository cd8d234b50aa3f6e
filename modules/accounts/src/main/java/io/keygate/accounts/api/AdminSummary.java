package io.keygate.accounts.api;

import io.keygate.platform.api.Role;
import java.time.Instant;

public record AdminSummary(long id, String username, Role role, Instant createdAt, Instant modifiedAt, long version) {
}
