package io.keygate.platform.api;

import java.time.Duration;

/**
 * Counts events per subject in fixed windows that start with the subject's first event, for rate limits. The
 * implementation the server injects keeps the counts in the database, so every node of a cluster counts the same
 * windows and a limit of N admits N in total; {@link FixedWindows} counts in one node's memory. All limits share one
 * store: a subject names its limit as well as what it counts ({@code "enrollment address 203.0.113.5"}).
 */
public interface RateWindows {

    /**
     * One counted event: the window's events with it, and the seconds (at least 1) until the window ends. Exact while
     * at most the limit plus one, so in the whole cluster exactly one event reaches the limit and exactly one is the
     * first beyond it; further on it is some number above the limit plus one.
     */
    record Count(int events, long secondsLeft) {
    }

    /** Counts one event of {@code subject} from {@code address} (may be null) against {@code limit}. */
    Count count(String subject, int limit, Duration window, String address);

    /**
     * Seconds (at least 1) until the subject's window ends, when it holds {@code limit} events or more and, if
     * {@code address} is given, one of them came from it; otherwise 0.
     */
    long retryAfter(String subject, int limit, String address);
}
