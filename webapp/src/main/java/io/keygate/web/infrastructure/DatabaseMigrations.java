package io.keygate.web.infrastructure;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Brings the schema up to date (the SQL files of db/) before the application serves anything, as the schema's owner
 * ({@code keygate.db.user}), and makes sure the login the application then works with ({@code keygate.db.app.user})
 * owns nothing, bypasses nothing, and may do to each table only what the application does.
 */
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class DatabaseMigrations {

    @Inject
    @ConfigProperty(name = "keygate.db.url")
    String url;
    @Inject
    @ConfigProperty(name = "keygate.db.user")
    String owner;
    @Inject
    @ConfigProperty(name = "keygate.db.password")
    String ownerPassword;
    @Inject
    @ConfigProperty(name = "keygate.db.app.user")
    String application;
    @Inject
    @ConfigProperty(name = "keygate.db.app.password")
    String applicationPassword;

    private volatile String schemaVersion;
    private volatile int pending = -1;

    @PostConstruct
    void migrate() {
        PGSimpleDataSource schemaOwner = new PGSimpleDataSource();
        schemaOwner.setURL(url);
        schemaOwner.setUser(owner);
        schemaOwner.setPassword(ownerPassword);
        schemaOwner.setLogServerErrorDetail(false);
        try (Connection connection = schemaOwner.getConnection()) {
            ApplicationRole.requireDistinct(owner, application);
            ApplicationRole.ensureExists(connection, application, applicationPassword);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare the database login " + application + ": " + e.getMessage(), e);
        }
        Flyway flyway = Flyway.configure(DatabaseMigrations.class.getClassLoader())
                .dataSource(schemaOwner)
                .locations("classpath:db/migration")
                .load();
        flyway.migrate();
        try (Connection connection = schemaOwner.getConnection()) {
            ApplicationRole.grant(connection, application);
            ApplicationRole.requireUnprivileged(connection, application);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot grant the database login " + application + " its rights: " + e.getMessage(), e);
        }
        MigrationInfo current = flyway.info().current();
        schemaVersion = current == null ? null : current.getVersion().getVersion();
        pending = flyway.info().pending().length;
    }

    /** The schema version this node brought the database to at its start (readiness reports it), or empty before. */
    @Lock(LockType.READ)
    public Optional<String> schemaVersion() {
        return Optional.ofNullable(schemaVersion).filter(version -> pending == 0);
    }

    /** The rules for the application's login, in one place. */
    static final class ApplicationRole {

        /** The WAR's default, for a local development database only: Keygate never creates a login with it. */
        static final String SHIPPED_PASSWORD = "keygate_app";
        static final int MINIMUM_PASSWORD_LENGTH = 16;
        private static final String DUPLICATE_OBJECT = "42710";

        private ApplicationRole() {
        }

        static void requireDistinct(String owner, String application) {
            if (owner.equals(application)) {
                throw new IllegalStateException("KEYGATE_DB_APP_USER must not be the schema owner (" + owner + "): row-level "
                        + "security is the second guard between organisations, and a table's owner could switch it off");
            }
        }

        /**
         * Creates the login when the owner may create roles (an embedded or a container database); else it must exist.
         * The password is set through the driver, which sends only its SCRAM hash: a statement with the password in it
         * could land in the server's log.
         */
        static void ensureExists(Connection owner, String application, String password) throws SQLException {
            if (exists(owner, application)) {
                return;
            }
            if (!mayCreateRoles(owner)) {
                throw new SQLException("the role does not exist and " + owner.getMetaData().getUserName() + " may not create it. "
                        + "Ask the database's administrator for: CREATE ROLE " + application + " LOGIN PASSWORD '...' "
                        + "NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT (see README, Database roles)");
            }
            requireOwnPassword(password);
            String create;
            try (PreparedStatement format = owner.prepareStatement(
                    "SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT', ?)")) {
                format.setString(1, application);
                try (ResultSet row = format.executeQuery()) {
                    row.next();
                    create = row.getString(1);
                }
            }
            try (PreparedStatement statement = owner.prepareStatement(create)) {
                statement.execute();
            } catch (SQLException e) {
                if (!DUPLICATE_OBJECT.equals(e.getSQLState())) {
                    throw e;
                }
                // another node starting at the same moment made it; its password is the same configuration
                return;
            }
            owner.unwrap(PGConnection.class).alterUserPassword(application, password.toCharArray(), "scram-sha-256");
        }

        /** A login Keygate creates gets a password someone chose, not the WAR's development default. */
        static void requireOwnPassword(String password) {
            if (password == null || password.length() < MINIMUM_PASSWORD_LENGTH || password.equals(SHIPPED_PASSWORD)) {
                throw new IllegalStateException("Keygate would create the login, but KEYGATE_DB_APP_PASSWORD is not set to a "
                        + "password of its own of at least " + MINIMUM_PASSWORD_LENGTH + " characters");
            }
        }

        /** {@code keygate_grant_application_rights} (db/) knows which table gets which rights. */
        static void grant(Connection owner, String application) throws SQLException {
            try (PreparedStatement grant = owner.prepareStatement("SELECT keygate_grant_application_rights(?)")) {
                grant.setString(1, application);
                grant.execute();
            }
        }

        /**
         * Neither the login nor any role it belongs to may be a superuser, bypass row-level security or be the owner,
         * and it may not create objects in the schema (a member of the owner could SET ROLE to it).
         */
        static void requireUnprivileged(Connection owner, String application) throws SQLException {
            try (PreparedStatement check = owner.prepareStatement("SELECT "
                    + "(SELECT bool_or(r.rolsuper OR r.rolbypassrls) FROM pg_roles r WHERE pg_has_role(CAST(? AS name), r.oid, 'MEMBER')), "
                    + "pg_has_role(CAST(? AS name), current_user, 'MEMBER'), "
                    + "has_schema_privilege(CAST(? AS name), current_schema(), 'CREATE'), "
                    + "EXISTS (SELECT 1 FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner "
                    + "WHERE r.rolname = CAST(? AS name) AND c.relnamespace = current_schema()::regnamespace)")) {
                for (int parameter = 1; parameter <= 4; parameter++) {
                    check.setString(parameter, application);
                }
                try (ResultSet role = check.executeQuery()) {
                    role.next();
                    if (role.getBoolean(1) || role.getBoolean(2) || role.getBoolean(3) || role.getBoolean(4)) {
                        throw new SQLException(application + " is, or belongs to, a superuser, a role that bypasses row-level "
                                + "security or the schema's owner, may create objects in the schema or owns some; the "
                                + "application's login must do none of these");
                    }
                }
            }
        }

        private static boolean exists(Connection connection, String role) throws SQLException {
            try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
                query.setString(1, role);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next();
                }
            }
        }

        private static boolean mayCreateRoles(Connection connection) throws SQLException {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user");
                 ResultSet rows = query.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }
}
