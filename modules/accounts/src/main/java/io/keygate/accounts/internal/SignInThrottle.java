package io.keygate.accounts.internal;

import io.keygate.platform.api.RateWindows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Failed sign-ins per source address and per account in fixed five-minute windows (S5), counted in the database so
 * that the limits hold for all nodes together ({@link RateWindows}). From the tenth failure of a window, an address is
 * refused for the rest of it, whichever account it names; an account is refused to the addresses that failed for it
 * in the window, on whichever node they failed, so its owner can still sign in from elsewhere (a guessing address
 * cannot lock a person out).
 */
@ApplicationScoped
public class SignInThrottle {

    static final int FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(5);

    @Inject
    RateWindows failures;

    /** Which limit a failure reached, for the one audit event of its window. */
    enum Reached {
        ADDRESS,
        ACCOUNT
    }

    /** Seconds until a sign-in from {@code address} for {@code account} (empty: an unknown name) is heard again; 0 now. */
    long retryAfter(String address, Optional<Long> account) {
        long wait = failures.retryAfter(addressSubject(address), FAILURES, null);
        if (account.isPresent()) {
            wait = Math.max(wait, failures.retryAfter(accountSubject(account.get()), FAILURES, address));
        }
        return wait;
    }

    /** Counts a failure; names each limit this very failure reached, so each is audited once per window. */
    Set<Reached> failed(String address, Optional<Long> account) {
        Set<Reached> reached = EnumSet.noneOf(Reached.class);
        if (failures.count(addressSubject(address), FAILURES, WINDOW, null).events() == FAILURES) {
            reached.add(Reached.ADDRESS);
        }
        if (account.isPresent() && failures.count(accountSubject(account.get()), FAILURES, WINDOW, address).events() == FAILURES) {
            reached.add(Reached.ACCOUNT);
        }
        return reached;
    }

    private static String addressSubject(String address) {
        return "sign-in address " + address;
    }

    private static String accountSubject(long account) {
        return "sign-in account " + account;
    }
}
