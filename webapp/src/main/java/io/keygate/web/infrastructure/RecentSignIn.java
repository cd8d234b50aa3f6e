package io.keygate.web.infrastructure;

import io.keygate.accounts.api.AccountService;
import io.keygate.accounts.api.SignInChannel;
import io.keygate.platform.api.Actor;
import io.keygate.platform.api.CurrentActor;
import io.keygate.platform.api.InvalidInputException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Step-up: a browser session reveals a key's value (Reveal, Copy, Download), or makes a credential that could (an API
 * token, an admin account, an admin's new password), only if its admin typed the password in the last five minutes, at
 * sign-in or where the page asks for it. A browser left signed in, or a stolen session cookie, does not reach the
 * secrets. A request that carries its credential (an API token, HTTP Basic) proved it just now and needs no step-up.
 */
@Named
@RequestScoped
public class RecentSignIn {

    public static final Duration FRESH_FOR = Duration.ofMinutes(5);
    /** The id of the password field forms show beside a change that needs a fresh session. */
    public static final String PASSWORD_FIELD = "currentPassword";

    @Inject
    HttpServletRequest request;
    @Inject
    CurrentActor currentActor;
    @Inject
    AccountService accounts;

    public boolean isFresh() {
        if (!Boolean.TRUE.equals(request.getAttribute(KeygateAuthentication.BY_SESSION))) {
            return true;
        }
        HttpSession session = request.getSession(false);
        Object typed = session == null ? null : session.getAttribute(KeygateAuthentication.SESSION_PASSWORD_AT);
        return typed instanceof Instant at && !at.plus(FRESH_FOR).isBefore(Instant.now());
    }

    /** Refuses (403 step_up_required) unless {@link #isFresh()}. */
    public void require() {
        if (!isFresh()) {
            throw new StepUpRequiredException(FRESH_FOR.toMinutes());
        }
    }

    /**
     * For forms that ask for the password beside the change ({@value #PASSWORD_FIELD}): goes on when the session is
     * fresh or {@code password} confirms it now; otherwise refuses with the field named, so the form marks it.
     */
    public void requireOrConfirm(String password) {
        if (!isFresh() && !confirm(password == null ? "" : password)) {
            throw new InvalidInputException("wrong_password", PASSWORD_FIELD, "Your password is wrong.");
        }
    }

    /**
     * Checks the signed-in admin's password (throttled and audited like a sign-in) and, when it matches, counts the
     * session as fresh again. Throws {@code SignInThrottledException} after too many failures.
     */
    public boolean confirm(String password) {
        Actor actor = currentActor.get();
        HttpSession session = request.getSession(false);
        Optional<Actor> confirmed = accounts.signIn(actor.username(), password, SignInChannel.STEP_UP)
                .filter(same -> same.accountId() == actor.accountId());
        if (confirmed.isEmpty() || session == null) {
            return false;
        }
        session.setAttribute(KeygateAuthentication.SESSION_PASSWORD_AT, Instant.now());
        return true;
    }
}
