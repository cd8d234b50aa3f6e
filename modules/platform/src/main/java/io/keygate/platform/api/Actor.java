package io.keygate.platform.api;

import java.util.Objects;

/**
 * The account on whose behalf a request runs.
 *
 * @param organizationId null only for the platform operator
 */
public record Actor(long accountId, String username, Long organizationId, Role role) {

    public Actor {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        if ((role == Role.OPERATOR) != (organizationId == null)) {
            throw new IllegalArgumentException("only the operator acts outside an organisation");
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
