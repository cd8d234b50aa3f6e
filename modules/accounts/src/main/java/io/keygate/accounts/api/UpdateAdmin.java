package io.keygate.accounts.api;

import io.keygate.platform.api.Role;

/** A change of role and, when {@code newPassword} is not null, of password; {@code version} guards against lost updates. */
public record UpdateAdmin(Role role, String newPassword, Long version) {
}
