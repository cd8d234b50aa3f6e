package io.keygate.web.infrastructure;

import io.keygate.accounts.api.AccountService;
import io.keygate.platform.api.Actor;
import io.keygate.platform.api.CurrentActor;
import io.keygate.tokens.api.ApiTokenService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;
import java.util.Optional;

/**
 * The account signed in for this request, or the API token it came with, looked up once; the account's current role
 * counts, not the one at sign-in, and a token revoked meanwhile lets nothing more through.
 */
@RequestScoped
public class SignedInActor implements CurrentActor {

    @Inject
    SecurityContext security;
    @Inject
    AccountService accounts;
    @Inject
    ApiTokenService tokens;
    @Inject
    DatabaseOrganizationScope databaseOrganization;

    private Actor actor;

    @Override
    public Optional<Actor> find() {
        if (actor == null) {
            Principal principal = callerPrincipal();
            if (principal != null) {
                actor = actorNamed(principal.getName());
                if (actor != null) {
                    databaseOrganization.actorBecameKnown();
                }
            }
        }
        return Optional.ofNullable(actor);
    }

    /**
     * The organisation the database shows this request (null: none), once the actor is known. It never starts the
     * look-up: it is asked while a connection is being handed out, and the services name the actor before they query.
     * The look-up itself runs while the actor is still null, so with none, through the narrow functions made for it.
     */
    Long organizationForDatabase() {
        return actor == null ? null : actor.organizationId();
    }

    private Actor actorNamed(String callerName) {
        if (callerName.startsWith(KeygateAuthentication.API_TOKEN_PRINCIPAL)) {
            try {
                return tokens.findActor(Long.parseLong(callerName.substring(KeygateAuthentication.API_TOKEN_PRINCIPAL.length()))).orElse(null);
            } catch (NumberFormatException notOurs) {
                return null;
            }
        }
        return accounts.findActor(callerName).orElse(null);
    }

    private Principal callerPrincipal() {
        try {
            return security.getCallerPrincipal();
        } catch (IllegalStateException noCallerAtStartup) {
            // start-up work (an EJB @PostConstruct) runs with no caller at all
            return null;
        }
    }

    /** Runs the rest of this request as the given account: for work the server does by itself, like demo data. */
    void actAs(Actor account) {
        this.actor = account;
        databaseOrganization.actorBecameKnown();
    }
}
