package io.keygate.web.infrastructure;

import io.keygate.platform.api.RateWindows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rate limits' windows, counted in the database ({@link RateWindowTable}) so that all nodes count the same ones.
 * In front of it, this node remembers what the database last told it of each subject's window: once that window is
 * known to be past a limit (and, for a limit by address, to hold the address), this node answers from memory until
 * the window ends, because the database's count can only have grown. A flood therefore costs the database about one
 * round trip per event up to the limit plus one per node, and nothing after. Only windows at their limit are
 * remembered (below it, every event goes to the database anyway), so many subjects with a few events each, such as a
 * spread of addresses, cost this node no memory.
 */
@ApplicationScoped
public class DatabaseRateWindows implements RateWindows {

    /** Beyond this many remembered subjects, windows that have ended are forgotten. */
    static final int FORGET_ABOVE = 10_000;
    /** A look through all of them at most this often, so that many windows still running cost no scan per event. */
    private static final long PURGE_INTERVAL_MILLIS = 1_000;

    @Inject
    RateWindowTable table;

    private final ConcurrentHashMap<String, Seen> seen = new ConcurrentHashMap<>();
    private final AtomicLong nextPurge = new AtomicLong();
    private volatile Clock clock = Clock.systemUTC();

    @Override
    public Count count(String subject, int limit, Duration window, String address) {
        long now = clock.millis();
        Seen known = seen.get(subject);
        if (known != null && known.holds(limit + 1, address, now)) {
            // the event can change no answer: the limit and the first refusal beyond it were counted already
            return new Count(known.hits.incrementAndGet(), known.secondsLeft(now));
        }
        RateWindowTable.Tally tally = table.count(subject, window, address);
        remember(subject, tally, address, limit, now);
        return new Count(tally.hits(), secondsLeft(tally.millisLeft()));
    }

    @Override
    public long retryAfter(String subject, int limit, String address) {
        long now = clock.millis();
        Seen known = seen.get(subject);
        if (known != null && known.holds(limit, address, now)) {
            return known.secondsLeft(now);
        }
        Optional<RateWindowTable.Tally> running = table.find(subject, address);
        if (running.isEmpty()) {
            return 0;
        }
        RateWindowTable.Tally tally = running.get();
        remember(subject, tally, tally.fromAddress() ? address : null, limit, now);
        return tally.hits() >= limit && (address == null || tally.fromAddress()) ? secondsLeft(tally.millisLeft()) : 0;
    }

    /** For tests that move this node's time; the database keeps its own. */
    void useClock(Clock clock) {
        this.clock = clock;
    }

    /** How many subjects' windows this node remembers now. */
    int remembered() {
        return seen.size();
    }

    /**
     * Keeps what the database said of the subject's window, and {@code address} as one of its events' (may be null),
     * once the window has reached {@code limit}.
     */
    private void remember(String subject, RateWindowTable.Tally tally, String address, int limit, long now) {
        if (tally.hits() < limit) {
            return;
        }
        long purgeDue = nextPurge.get();
        if (seen.size() > FORGET_ABOVE && now >= purgeDue && nextPurge.compareAndSet(purgeDue, now + PURGE_INTERVAL_MILLIS)) {
            seen.values().removeIf(ended -> ended.endsAt <= now);
        }
        Seen window = seen.compute(subject, (key, earlier) -> earlier == null || tally.endsAt().isAfter(earlier.window)
                ? new Seen(tally.endsAt(), now + tally.millisLeft()) : earlier);
        if (!window.window.isEqual(tally.endsAt())) {
            // an answer about an earlier window that arrived late
            return;
        }
        window.hits.accumulateAndGet(tally.hits(), Math::max);
        if (address != null) {
            window.addresses.add(address);
        }
    }

    private static long secondsLeft(long millisLeft) {
        return Math.max(1, (millisLeft + 999) / 1000);
    }

    /** One subject's window as this node last knew it: at least these hits, from at least these addresses. */
    private static final class Seen {

        /** The window's end by the database's clock: tells one window of a subject from the next. */
        final OffsetDateTime window;
        /** The same end by this node's clock, so that a clock apart from the database's shortens no wait. */
        final long endsAt;
        final AtomicInteger hits = new AtomicInteger();
        final Set<String> addresses = ConcurrentHashMap.newKeySet();

        Seen(OffsetDateTime window, long endsAt) {
            this.window = window;
            this.endsAt = endsAt;
        }

        /** Whether the window still runs and holds {@code events} or more, one of them from {@code address} if given. */
        boolean holds(int events, String address, long now) {
            return endsAt > now && hits.get() >= events && (address == null || addresses.contains(address));
        }

        long secondsLeft(long now) {
            return DatabaseRateWindows.secondsLeft(endsAt - now);
        }
    }
}
