package io.keygate.accounts.api;

import io.keygate.platform.api.Actor;
import io.keygate.platform.api.Page;
import io.keygate.platform.api.PageRequest;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** Organisations and admins. Every method acts for the signed-in actor and within its organisation. */
public interface AccountService {

    /** Checks a password; audits failures, and successes on the sign-in page. */
    Optional<Actor> signIn(String username, String password, SignInChannel channel);

    /** The actor behind an already authenticated session, if the account still exists. */
    Optional<Actor> findActor(String username);

    /**
     * How long a browser session may stay signed in, however busy: after it, the admin types the password again. Idle
     * sessions end sooner (the web application's session timeout).
     */
    Duration SESSION_LIFETIME = Duration.ofHours(12);

    /** Records a browser session the account just signed in to; its id is the server's to keep, never the browser's. */
    UUID startSession(long accountId);

    /**
     * The actor of a browser session while it is signed in: started by {@code username}'s account less than
     * {@link #SESSION_LIFETIME} ago and not ended since (by signing out, a password change or the account's deletion),
     * whichever node of a cluster ended it.
     */
    Optional<Actor> findSessionActor(String username, UUID session);

    /** Signs a browser session out on every node; nothing happens for one that has ended already. */
    void endSession(UUID session);

    /** Forgets sessions older than {@link #SESSION_LIFETIME}, which let nobody in any more; returns how many. */
    int forgetExpiredSessions();

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

    /** A new password also signs the account out of every browser session but the one that changes it. */
    AdminSummary updateAdmin(long id, UpdateAdmin request);

    /** Deleting an account ends its browser sessions too. */
    void deleteAdmin(long id);

    /** {@link #deleteAdmin(long)} only while the account is at {@code expectedVersion}: else 409 {@code stale_version}. */
    void deleteAdmin(long id, long expectedVersion);
}
