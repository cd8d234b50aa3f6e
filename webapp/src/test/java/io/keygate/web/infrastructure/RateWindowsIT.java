package io.keygate.web.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.keys.api.KeyValue;
import io.keygate.platform.api.RateWindows;
import io.keygate.web.support.Deployments;
import io.keygate.web.support.Enrollments;
import io.keygate.web.support.KeySetup;
import io.keygate.web.support.Response;
import io.keygate.web.support.TestDatabase;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Rate limits hold across nodes (issue 9): the count lives in the database. A "node" here is what a server holds, a
 * {@link DatabaseRateWindows} with its own memory in front of its own {@link RateWindowTable}, connected as the
 * application's login to the database the deployed server uses.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RateWindowsIT {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final int THREADS = 16;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.keygateWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void twoNodesAdmitExactlyTheLimitTogether() throws Exception {
        int limit = 37;
        List<Callable<RateWindows.Count>> attempts = new ArrayList<>();
        for (DatabaseRateWindows node : List.of(node(), node())) {
            for (int i = 0; i < 100; i++) {
                attempts.add(() -> node.count("api token it-two-nodes", limit, MINUTE, null));
            }
        }

        List<Integer> events = countAtOnce(attempts);

        assertEquals(limit, events.stream().filter(count -> count <= limit).count(), "admitted by both nodes together");
        assertEquals(1, events.stream().filter(count -> count == limit).count(), "one event reached the limit: audited once");
        assertEquals(1, events.stream().filter(count -> count == limit + 1).count(), "one was the first refusal: audited once");
        int counted = hits("api token it-two-nodes");
        assertTrue(counted >= limit + 1 && counted <= limit + 1 + 2 * THREADS,
                "once a node knows of the first refusal it stops asking the database; only its events already under way still count: " + counted);
    }

    @Test
    void aNodeRefusesAnAddressTheServerCountedFailuresOf() throws Exception {
        KeySetup setup = KeySetup.of(base, "rate-windows");
        KeyValue real = KeyValue.parse(setup.create("real").getString("provisioningKey"));
        String guess = new KeyValue(real.host(), "Guess0000000RwIT", real.secret()).reveal();
        DatabaseRateWindows otherNode = node();
        for (int i = 0; i < 19; i++) {
            otherNode.count("enrollment address 203.0.113.171", 20, MINUTE, null);
        }

        Response twentieth = Enrollments.enrollFrom(base, "203.0.113.171", guess, "h", "fp");
        Response refused = Enrollments.enrollFrom(base, "203.0.113.171", guess, "h", "fp");

        assertEquals(401, twentieth.status(), "the server's count adds to the other node's: " + twentieth);
        assertEquals(429, refused.status(), refused.toString());
        assertEquals("rate_limited", refused.errorId());
        assertEquals(20, hits("enrollment address 203.0.113.171"), "the refusal itself is not a failure");
        assertTrue(otherNode.retryAfter("enrollment address 203.0.113.171", 20, null) > 0, "and the other node refuses the address too");
        assertEquals(1, auditedRateLimits("203.0.113.171"), "the failure the server counted reached the limit: audited there, once");
    }

    @Test
    void housekeepingDeletesWindowsThatEndedAndTheAddressesNotedForThem() throws Exception {
        RateWindowTable table = tableAsApplication();
        table.count("sign-in account it-ended", Duration.ofMillis(1), "198.51.100.171");
        table.count("sign-in account it-running", MINUTE, "198.51.100.172");
        Thread.sleep(5);

        assertTrue(table.deleteEnded() >= 1);

        assertEquals(0, rows("SELECT count(*) FROM rate_window WHERE subject = 'sign-in account it-ended'"));
        assertEquals(0, rows("SELECT count(*) FROM rate_window_address WHERE subject = 'sign-in account it-ended'"));
        assertEquals(1, rows("SELECT count(*) FROM rate_window_address WHERE subject = 'sign-in account it-running'"));
        assertTrue(table.find("sign-in account it-running", "198.51.100.172").orElseThrow().fromAddress());
    }

    private static DatabaseRateWindows node() {
        DatabaseRateWindows node = new DatabaseRateWindows();
        node.table = tableAsApplication();
        return node;
    }

    private static RateWindowTable tableAsApplication() {
        PGSimpleDataSource application = new PGSimpleDataSource();
        application.setURL(System.getProperty("db.url"));
        application.setUser(System.getProperty("db.app.user"));
        application.setPassword(System.getProperty("db.app.password"));
        RateWindowTable table = new RateWindowTable();
        table.database = application;
        return table;
    }

    private static List<Integer> countAtOnce(List<Callable<RateWindows.Count>> attempts) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Integer> events = new ArrayList<>();
            for (Future<RateWindows.Count> count : threads.invokeAll(attempts)) {
                events.add(count.get().events());
            }
            return events;
        } finally {
            threads.shutdownNow();
        }
    }

    private static int hits(String subject) throws SQLException {
        return rows("SELECT hits FROM rate_window WHERE subject = '" + subject + "'");
    }

    private static int auditedRateLimits(String address) throws SQLException {
        return rows("SELECT count(*) FROM audit_event WHERE action = 'enrollment.rate_limit' AND details LIKE '%" + address + "%'");
    }

    private static int rows(String sql) throws SQLException {
        try (Connection database = TestDatabase.connect();
             PreparedStatement query = database.prepareStatement(sql);
             ResultSet row = query.executeQuery()) {
            return row.next() ? row.getInt(1) : 0;
        }
    }
}
