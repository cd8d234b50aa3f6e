package io.keygate.accounts.internal;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failed sign-ins per source address and per account in fixed five-minute windows, in this node's memory (S5). From
 * the tenth failure of a window, an address is refused for the rest of it, whichever account it names; an account is
 * refused to the addresses that failed for it in the window, so its owner can still sign in from elsewhere (a guessing
 * address cannot lock a person out). With several nodes each counts alone.
 */
@ApplicationScoped
public class SignInThrottle {

    static final int FAILURES = 10;
    static final Duration WINDOW = Duration.ofMinutes(5);
    /** Beyond this many tracked subjects, windows that have ended are dropped. */
    static final int PURGE_ABOVE = 10_000;

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private Clock clock = Clock.systemUTC();

    /** Which limit a failure reached, for the one audit event of its window. */
    enum Reached {
        ADDRESS,
        ACCOUNT
    }

    /** Seconds until a sign-in from {@code address} for {@code account} (empty: an unknown name) is heard again; 0 now. */
    long retryAfter(String address, Optional<Long> account) {
        long now = clock.millis();
        long wait = wait(windows.get("address " + address), now, null);
        if (account.isPresent()) {
            wait = Math.max(wait, wait(windows.get("account " + account.get()), now, address));
        }
        return wait;
    }

    /** Counts a failure; names each limit this very failure reached, so each is audited once per window. */
    Set<Reached> failed(String address, Optional<Long> account) {
        long now = clock.millis();
        if (windows.size() > PURGE_ABOVE) {
            windows.values().removeIf(window -> window.endsAt <= now);
        }
        Set<Reached> reached = ConcurrentHashMap.newKeySet();
        if (count("address " + address, address, now) == FAILURES) {
            reached.add(Reached.ADDRESS);
        }
        if (account.isPresent() && count("account " + account.get(), address, now) == FAILURES) {
            reached.add(Reached.ACCOUNT);
        }
        return reached;
    }

    private int count(String subject, String address, long now) {
        Window window = windows.compute(subject, (key, current) ->
                current == null || current.endsAt <= now ? new Window(now + WINDOW.toMillis()) : current);
        window.addresses.add(address);
        return window.failures.incrementAndGet();
    }

    /** The wait a window imposes; for an account only on the addresses that failed for it. */
    private static long wait(Window window, long now, String address) {
        if (window == null || window.endsAt <= now || window.failures.get() < FAILURES
                || address != null && !window.addresses.contains(address)) {
            return 0;
        }
        return Math.max(1, (window.endsAt - now + 999) / 1000);
    }

    void useClock(Clock clock) {
        this.clock = clock;
    }

    private static final class Window {

        final long endsAt;
        final AtomicInteger failures = new AtomicInteger();
        final Set<String> addresses = ConcurrentHashMap.newKeySet();

        Window(long endsAt) {
            this.endsAt = endsAt;
        }
    }
}
