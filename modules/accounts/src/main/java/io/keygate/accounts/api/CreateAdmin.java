package io.keygate.accounts.api;

import io.keygate.platform.api.Role;

public record CreateAdmin(String username, String password, Role role) {
}
