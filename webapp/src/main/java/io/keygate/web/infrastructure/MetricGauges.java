package io.keygate.web.infrastructure;

import io.keygate.web.exports.ExportRuns;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.ToLongFunction;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Registers the gauges of {@code /metrics} when the application starts: signed-in sessions, exports running, and the
 * database connections this node holds, by state. The connections are counted by PostgreSQL ({@code pg_stat_activity},
 * the application's login and this node's {@code ApplicationName}, which the JDBC URL may set per node), because that
 * is what the database's {@code max_connections} is spent on.
 */
@WebListener
public class MetricGauges implements ServletContextListener, HttpSessionListener {

    private static final Logger LOG = Logger.getLogger(MetricGauges.class.getName());
    private static final String CONNECTIONS = """
            SELECT count(*) FILTER (WHERE state = 'active'), count(*) FILTER (WHERE state <> 'active')
            FROM pg_stat_activity WHERE usename = current_user AND application_name = current_setting('application_name')""";
    private static final Duration CONNECTIONS_CACHED = Duration.ofSeconds(1);

    @Inject
    MetricRegistry registry;
    @Inject
    KeygateMetrics metrics;
    @Inject
    ExportRuns exports;
    @Resource(lookup = "java:app/jdbc/keygate")
    DataSource database;

    private volatile long[] connections = {0, 0};
    private volatile long connectionsCountedAt = System.nanoTime() - CONNECTIONS_CACHED.toNanos() - 1;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Duration idleTimeout = Duration.ofMinutes(event.getServletContext().getSessionTimeout());
        registry.gauge(Metadata.builder().withName("keygate.sessions.active")
                .withDescription("Signed-in browser sessions this node served within the idle timeout and has not seen end").build(),
                metrics, served -> served.activeSessions(idleTimeout));
        registry.gauge(Metadata.builder().withName("keygate.exports.running")
                .withDescription("Exports being written on this node").build(), exports, ExportRuns::running);
        gaugeConnections("active", counts -> counts[0]);
        gaugeConnections("idle", counts -> counts[1]);
    }

    private void gaugeConnections(String state, ToLongFunction<long[]> pick) {
        registry.gauge(Metadata.builder().withName("keygate.database.connections")
                .withDescription("Connections of this node's pool open in PostgreSQL, by state (active: running a statement)").build(),
                this, gauges -> pick.applyAsLong(gauges.connections()), new Tag("state", state));
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        metrics.sessionEnded(event.getSession().getId());
    }

    private long[] connections() {
        if (System.nanoTime() - connectionsCountedAt < CONNECTIONS_CACHED.toNanos()) {
            return connections;
        }
        try (Connection connection = database.getConnection();
             PreparedStatement statement = connection.prepareStatement(CONNECTIONS);
             ResultSet counts = statement.executeQuery()) {
            counts.next();
            connections = new long[] {counts.getLong(1), counts.getLong(2)};
        } catch (SQLException unreachable) {
            // the readiness check reports the database; the gauge keeps its last counts
            LOG.log(Level.FINE, "Could not count the database connections", unreachable);
        }
        connectionsCountedAt = System.nanoTime();
        return connections;
    }
}
