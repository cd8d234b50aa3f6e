package io.keygate.accounts.api;

import io.keygate.platform.api.Actor;
import io.keygate.platform.api.Page;
import io.keygate.platform.api.PageRequest;
import java.util.Optional;

/** Organisations and admins. Every method acts for the signed-in actor and within its organisation. */
public interface AccountService {

    /** Checks a password; audits failures, and successes on the sign-in page. */
    Optional<Actor> signIn(String username, String password, SignInChannel channel);

    /** The actor behind an already authenticated session, if the account still exists. */
    Optional<Actor> findActor(String username);

    /** Creates the organisation {@code default}, its {@code admin} and the {@code operator} when none exist yet. */
    BootstrapOutcome bootstrap(String adminPassword, String operatorPassword);

    OrganizationSummary createOrganization(CreateOrganization request);

    OrganizationSummary getOrganization(long id);

    /** The name of an organisation, for modules that label things with it (a CA's subject); no role needed. */
    String organizationName(long organizationId);

    Page<OrganizationSummary> listOrganizations(PageRequest page);

    AdminSummary createAdmin(CreateAdmin request);

    Page<AdminSummary> listAdmins(PageRequest page);

    AdminSummary getAdmin(long id);

    AdminSummary updateAdmin(long id, UpdateAdmin request);

    void deleteAdmin(long id);

    /** {@link #deleteAdmin(long)} only while the account is at {@code expectedVersion}: else 409 {@code stale_version}. */
    void deleteAdmin(long id, long expectedVersion);
}
