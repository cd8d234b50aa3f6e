package io.keygate.platform.api;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts events per subject in fixed windows that start with the subject's first event, in this node's memory: for
 * bounds that may hold per node, such as how many log lines a flood may cause, and as the {@link RateWindows} of a
 * single node in unit tests. The rate limits themselves count in the database, shared by all nodes. A window
 * remembers the addresses its events came from, for limits that shut a subject out of those addresses only.
 * Thread-safe.
 */
public final class FixedWindows implements RateWindows {

    /** Beyond this many tracked subjects, windows that have ended are dropped. */
    public static final int PURGE_ABOVE = 10_000;

    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();
    private volatile Clock clock = Clock.systemUTC();

    /** Counts one event of {@code subject}, from {@code address} (may be null); returns the window's count with it. */
    public int count(String subject, Duration window, String address) {
        long now = clock.millis();
        if (windows.size() > PURGE_ABOVE) {
            windows.values().removeIf(ended -> ended.endsAt <= now);
        }
        Window current = windows.compute(subject, (key, existing) ->
                existing == null || existing.endsAt <= now ? new Window(now + window.toMillis()) : existing);
        if (address != null) {
            current.addresses.add(address);
        }
        return current.events.incrementAndGet();
    }

    @Override
    public Count count(String subject, int limit, Duration window, String address) {
        int events = count(subject, window, address);
        return new Count(events, Math.max(1, secondsLeft(subject)));
    }

    @Override
    public long retryAfter(String subject, int limit, String address) {
        long now = clock.millis();
        Window window = windows.get(subject);
        if (window == null || window.endsAt <= now || window.events.get() < limit
                || address != null && !window.addresses.contains(address)) {
            return 0;
        }
        return secondsLeft(window, now);
    }

    /** Seconds (at least 1) until the subject's running window ends; 0 without one. */
    public long secondsLeft(String subject) {
        long now = clock.millis();
        Window window = windows.get(subject);
        return window == null || window.endsAt <= now ? 0 : secondsLeft(window, now);
    }

    /** For tests that move time. */
    public void useClock(Clock clock) {
        this.clock = clock;
    }

    private static long secondsLeft(Window window, long now) {
        return Math.max(1, (window.endsAt - now + 999) / 1000);
    }

    private static final class Window {

        final long endsAt;
        final AtomicInteger events = new AtomicInteger();
        final Set<String> addresses = ConcurrentHashMap.newKeySet();

        Window(long endsAt) {
            this.endsAt = endsAt;
        }
    }
}
