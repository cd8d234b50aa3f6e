package io.keygate.web.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.platform.api.RateWindows;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The node's fence in front of the database's windows (issue 9): the database decides every answer up to the limit
 * and the first refusal beyond it; after that, the node answers from what the database told it, until the window ends.
 */
class DatabaseRateWindowsTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private Instant now = Instant.parse("2026-11-27T10:00:00Z");
    private final CountingTable table = new CountingTable();
    private final DatabaseRateWindows node = nodeOn(table);

    @Test
    void countsInTheDatabaseUpToTheFirstRefusalThenNoMore() {
        for (int i = 1; i <= 6; i++) {
            assertEquals(new RateWindows.Count(i, 60), node.count("api address 203.0.113.7", 5, MINUTE, null), "event " + i);
        }
        now = now.plusSeconds(20);

        RateWindows.Count flooded = node.count("api address 203.0.113.7", 5, MINUTE, null);

        assertEquals(6, table.counts, "the seventh event cost no round trip");
        assertTrue(flooded.events() > 6, "beyond the first refusal only 'more' matters: " + flooded);
        assertEquals(40, flooded.secondsLeft());
        assertEquals(40, node.retryAfter("api address 203.0.113.7", 5, null));
        assertEquals(0, table.finds, "the node knew the window was full");
    }

    @Test
    void learnsFromTheDatabaseWhatOtherNodesCounted() {
        DatabaseRateWindows otherNode = nodeOn(table);
        for (int i = 0; i < 20; i++) {
            otherNode.count("enrollment address 203.0.113.8", 20, MINUTE, null);
        }

        assertEquals(60, node.retryAfter("enrollment address 203.0.113.8", 20, null));
        assertEquals(60, node.retryAfter("enrollment address 203.0.113.8", 20, null));

        assertEquals(1, table.finds, "once known to be full, the window is not asked for again");
        now = now.plus(MINUTE);
        assertEquals(0, node.retryAfter("enrollment address 203.0.113.8", 20, null), "a new window");
        assertEquals(2, table.finds);
    }

    @Test
    void countsAnAddressNewToAFullWindowSoThatItIsShutOutToo() {
        for (int i = 1; i <= 11; i++) {
            node.count("sign-in account 7", 10, MINUTE, "203.0.113." + i);
        }
        int before = table.counts;

        node.count("sign-in account 7", 10, MINUTE, "198.51.100.1");

        assertEquals(before + 1, table.counts, "the database must learn of the new address");
        assertEquals(60, node.retryAfter("sign-in account 7", 10, "198.51.100.1"));
        assertEquals(0, node.retryAfter("sign-in account 7", 10, "198.51.100.2"), "an address that never failed for the account");
        assertEquals(1, table.finds, "only the address the node had not seen in the window was looked up");
    }

    @Test
    void asksTheDatabaseAgainOnceTheWindowItKnewHasEnded() {
        node.count("api token 41", 1, MINUTE, null);
        node.count("api token 41", 1, MINUTE, null);
        now = now.plus(MINUTE);

        assertEquals(new RateWindows.Count(1, 60), node.count("api token 41", 1, MINUTE, null));
        assertEquals(3, table.counts);
    }

    @Test
    void remembersNoWindowBelowItsLimitAndForgetsEndedOnes() {
        for (int i = 0; i < DatabaseRateWindows.FORGET_ABOVE + 100; i++) {
            node.count("enrollment address 198.51.100." + (i % 250) + "/" + i, 20, MINUTE, null);
        }
        assertEquals(0, node.remembered(), "a spread of subjects with one event each costs the node no memory");

        for (int i = 0; i < DatabaseRateWindows.FORGET_ABOVE + 1; i++) {
            node.count("api token " + i, 1, MINUTE, null);
        }
        assertEquals(DatabaseRateWindows.FORGET_ABOVE + 1, node.remembered(), "full windows still running are kept");
        now = now.plus(MINUTE);

        node.count("api token new", 1, MINUTE, null);

        assertEquals(1, node.remembered(), "once they ended, the next full window clears them out");
    }

    private DatabaseRateWindows nodeOn(RateWindowTable shared) {
        DatabaseRateWindows windows = new DatabaseRateWindows();
        windows.table = shared;
        windows.useClock(new Clock() {
            @Override
            public Instant instant() {
                return now;
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        });
        return windows;
    }

    /** The table's statements in memory, as PostgreSQL runs them, counting the round trips. */
    private final class CountingTable extends RateWindowTable {

        private final Map<String, Instant> ends = new HashMap<>();
        private final Map<String, Integer> hits = new HashMap<>();
        private final Map<String, Set<String>> addresses = new HashMap<>();
        int counts;
        int finds;

        @Override
        public synchronized Tally count(String subject, Duration length, String address) {
            counts++;
            if (!running(subject)) {
                ends.put(subject, now.plus(length));
                hits.put(subject, 0);
                addresses.put(subject, new HashSet<>());
            }
            hits.merge(subject, 1, Integer::sum);
            if (address != null) {
                addresses.get(subject).add(address);
            }
            return tally(subject, true);
        }

        @Override
        public synchronized Optional<Tally> find(String subject, String address) {
            finds++;
            return running(subject) ? Optional.of(tally(subject, addresses.get(subject).contains(address))) : Optional.empty();
        }

        private boolean running(String subject) {
            return ends.containsKey(subject) && ends.get(subject).isAfter(now);
        }

        private Tally tally(String subject, boolean fromAddress) {
            Instant end = ends.get(subject);
            return new Tally(hits.get(subject), OffsetDateTime.ofInstant(end, ZoneOffset.UTC), Duration.between(now, end).toMillis(), fromAddress);
        }
    }
}
