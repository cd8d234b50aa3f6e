package io.keygate.web.infrastructure;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The rate-limit windows in the database ({@code rate_window}, {@code db/V17}), one statement per call. Each call
 * suspends the caller's transaction and commits on its own (auto-commit): a count must stand when the request that
 * made it rolls back, and it holds no connection beyond its one round trip.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class RateWindowTable {

    /**
     * Counts one event: a running window gains a hit, an ended one starts again with this event. The address, if any,
     * is noted for the window in the same statement, so the count is one atomic round trip either way.
     */
    private static final String COUNT = """
            WITH counted AS (
                INSERT INTO rate_window AS w (subject, ends_at, hits) VALUES (?, now() + ? * interval '1 millisecond', 1)
                ON CONFLICT (subject) DO UPDATE
                    SET hits = CASE WHEN w.ends_at > now() THEN w.hits + 1 ELSE 1 END,
                        ends_at = CASE WHEN w.ends_at > now() THEN w.ends_at ELSE excluded.ends_at END
                RETURNING w.subject, w.hits, w.ends_at),
            noted AS (
                INSERT INTO rate_window_address (subject, address, ends_at)
                SELECT counted.subject, source.address, counted.ends_at FROM counted, (SELECT CAST(? AS text) AS address) source
                WHERE source.address IS NOT NULL
                ON CONFLICT (subject, address) DO UPDATE SET ends_at = excluded.ends_at)
            SELECT hits, ends_at, ceil(extract(epoch FROM ends_at - now()) * 1000)::bigint, true FROM counted""";

    private static final String FIND = """
            SELECT w.hits, w.ends_at, ceil(extract(epoch FROM w.ends_at - now()) * 1000)::bigint,
                   EXISTS (SELECT 1 FROM rate_window_address a WHERE a.subject = w.subject AND a.address = ? AND a.ends_at = w.ends_at)
            FROM rate_window w WHERE w.subject = ? AND w.ends_at > now()""";

    @Resource(lookup = "java:app/jdbc/keygate")
    DataSource database;

    /**
     * A window as the database saw it: its events, its end (which also tells one window of a subject from the next),
     * the milliseconds until then by the database's clock, and whether the asked-for address is among its events'.
     */
    public record Tally(int hits, OffsetDateTime endsAt, long millisLeft, boolean fromAddress) {
    }

    /** Counts one event of {@code subject} from {@code address} (may be null) in a window of {@code length}. */
    public Tally count(String subject, Duration length, String address) {
        try (Connection connection = database.getConnection();
             PreparedStatement count = connection.prepareStatement(COUNT)) {
            count.setString(1, subject);
            count.setLong(2, length.toMillis());
            count.setString(3, address);
            return read(count).orElseThrow(() -> new IllegalStateException("The rate-limit count returned no row for " + subject));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot count a rate-limited event: " + e.getMessage(), e);
        }
    }

    /** The subject's running window, and whether {@code address} (may be null: then never) is among its events'. */
    public Optional<Tally> find(String subject, String address) {
        try (Connection connection = database.getConnection();
             PreparedStatement find = connection.prepareStatement(FIND)) {
            find.setString(1, address);
            find.setString(2, subject);
            return read(find);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read a rate-limit window: " + e.getMessage(), e);
        }
    }

    /** Deletes the windows that have ended, and the addresses noted for them; returns how many windows. */
    public int deleteEnded() {
        try (Connection connection = database.getConnection();
             Statement delete = connection.createStatement()) {
            // two statements, each its own transaction: neither holds a lock the other needs while counts go on
            int windows = delete.executeUpdate("DELETE FROM rate_window WHERE ends_at <= now()");
            delete.executeUpdate("DELETE FROM rate_window_address WHERE ends_at <= now()");
            return windows;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot delete ended rate-limit windows: " + e.getMessage(), e);
        }
    }

    private static Optional<Tally> read(PreparedStatement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery()) {
            if (!row.next()) {
                return Optional.empty();
            }
            return Optional.of(new Tally(row.getInt(1), row.getObject(2, OffsetDateTime.class), row.getLong(3), row.getBoolean(4)));
        }
    }
}
