package io.keygate.accounts.api;

import java.time.Instant;

public record OrganizationSummary(long id, String name, long adminCount, Instant createdAt) {
}
