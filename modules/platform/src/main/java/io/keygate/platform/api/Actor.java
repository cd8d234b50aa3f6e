package io.keygate.platform.api;

import java.util.Objects;

/**
 * The account, or the API token, on whose behalf a request runs.
 *
 * @param accountId      the admin's account; 0 for an API token, which belongs to no account
 * @param username       the admin's username, or the API token's name
 * @param organizationId null only for the platform operator
 * @param apiTokenId     the API token the request authenticated with; null for an admin
 */
public record Actor(long accountId, String username, Long organizationId, Role role, Long apiTokenId) {

    public Actor {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        if ((role == Role.OPERATOR) != (organizationId == null)) {
            throw new IllegalArgumentException("only the operator acts outside an organisation");
        }
        if (apiTokenId != null && (accountId != 0 || role == Role.OPERATOR)) {
            throw new IllegalArgumentException("an API token belongs to an organisation and to no account");
        }
    }

    /** An admin's account. */
    public Actor(long accountId, String username, Long organizationId, Role role) {
        this(accountId, username, organizationId, role, null);
    }

    /** An organisation's API token, acting with its own role. */
    public static Actor apiToken(long tokenId, String name, long organizationId, Role role) {
        return new Actor(0, name, organizationId, role, tokenId);
    }

    public boolean isApiToken() {
        return apiTokenId != null;
    }

    /** What only a person may do (manage admins, API tokens, own saved filters): refuses an API token. */
    public void requireAccount() {
        if (isApiToken()) {
            throw new ForbiddenException("account_required", "An API token cannot do this: sign in as an admin.");
        }
    }

    /** The organisation whose objects this actor may see; refuses the operator. */
    public long requireOrganization() {
        if (organizationId == null) {
            throw new ForbiddenException("organization_required", "This action needs an organisation administrator.");
        }
        return organizationId;
    }

    /** The organisation, for actions that change its objects: ADMINISTRATOR only. */
    public long requireAdministrator() {
        long organization = requireOrganization();
        if (role != Role.ADMINISTRATOR) {
            throw new ForbiddenException("read_only", "Your role is read-only: this change needs an ADMINISTRATOR.");
        }
        return organization;
    }

    public void requireOperator() {
        if (role != Role.OPERATOR) {
            throw new ForbiddenException("operator_required", "Only the platform operator can do this.");
        }
    }
}
