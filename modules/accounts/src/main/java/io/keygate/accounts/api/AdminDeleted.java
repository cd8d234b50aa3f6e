package io.keygate.accounts.api;

/** Fired inside the deleting transaction, so what belongs to the admin goes with it. */
public record AdminDeleted(long adminId, long organizationId, String username) {
}
