package io.keygate.web.infrastructure;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.persistence.internal.databaseaccess.Accessor;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;

/**
 * Tells PostgreSQL, each time the persistence unit takes a connection from the pool, whose rows it may show
 * ({@code keygate.organization_id}, read by the row-level security policies of {@code db/V14}), and clears it when the
 * connection goes back.
 * <p>
 * A session setting, not a transaction-local one: reads run outside transactions, where a transaction-local value
 * would be gone after the statement that set it. Every hand-out overwrites it, so a pooled connection never carries an
 * earlier request's organisation into the next.
 */
public class OrganizationSetting extends SessionEventAdapter {

    static final String SETTING = "keygate.organization_id";
    private static final Logger LOG = Logger.getLogger(OrganizationSetting.class.getName());

    @Override
    public void postAcquireConnection(SessionEvent event) {
        Long organization = DatabaseOrganizationScope.current();
        try {
            apply(event, organization == null ? "" : organization.toString());
        } catch (SQLException e) {
            // without the setting the connection would show nothing; say why instead of returning empty pages
            throw new IllegalStateException("Cannot tell the database which organisation is acting", e);
        }
    }

    @Override
    public void preReleaseConnection(SessionEvent event) {
        try {
            apply(event, "");
        } catch (SQLException | RuntimeException e) {
            // the next hand-out overwrites the setting anyway; a connection that failed here is usually broken
            LOG.log(Level.FINE, "Could not clear the organisation of a connection going back to the pool", e);
        }
    }

    private static void apply(SessionEvent event, String organization) throws SQLException {
        Connection connection = ((Accessor) event.getResult()).getConnection();
        try (PreparedStatement statement = connection.prepareStatement("SELECT set_config('" + SETTING + "', ?, false)")) {
            statement.setString(1, organization);
            statement.execute();
        }
    }
}
