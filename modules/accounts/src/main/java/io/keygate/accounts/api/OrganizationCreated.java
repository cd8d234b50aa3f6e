package io.keygate.accounts.api;

/** Fired inside the transaction that created the organisation, so observers can set it up atomically. */
public record OrganizationCreated(long organizationId, String name) {
}
