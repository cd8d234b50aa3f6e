package io.keygate.accounts.api;

/** A new organisation with its first administrator. */
public record CreateOrganization(String name, String adminUsername, String adminPassword) {
}
