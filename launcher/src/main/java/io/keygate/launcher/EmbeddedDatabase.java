package io.keygate.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A private PostgreSQL in {@code <data>/postgres}, kept across restarts, listening on 127.0.0.1 only.
 * As root, zonky runs initdb/postgres through {@code unshare -U} (spike P16).
 */
final class EmbeddedDatabase implements AutoCloseable {

    static final String ROLE = "keygate";
    /** The login the application works with: owns no table, so row-level security holds for it. */
    static final String APPLICATION_ROLE = "keygate_app";
    static final String DATABASE = "keygate";

    private final EmbeddedPostgres postgres;
    private final DatabaseLogin login;

    private EmbeddedDatabase(EmbeddedPostgres postgres, DatabaseLogin login) {
        this.postgres = postgres;
        this.login = login;
    }

    static EmbeddedDatabase start(Path dataDir, Path postgresDir) throws IOException, SQLException {
        Path adminPasswordFile = dataDir.resolve("db-admin-password");
        if (Files.exists(postgresDir.resolve("PG_VERSION")) && !Files.exists(adminPasswordFile)) {
            throw new IOException(adminPasswordFile + " is missing, so the database in " + postgresDir
                    + " cannot be opened. Restore the file, or delete " + postgresDir + " to start over with an empty database.");
        }
        String adminPassword = PrivateFiles.secret(adminPasswordFile);
        Path log = dataDir.resolve("postgres.log");
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(postgresDir)
                .setCleanDataDirectory(false)
                // the launcher's own hook stops PostgreSQL, after Payara; zonky's hook would race it
                .setRegisterShutdownHook(false)
                .setPort(FreePort.onLoopback())
                .setPGStartupWait(Duration.ofSeconds(120))
                // zonky passes these to initdb as --auth/--pwfile, after its own "-A trust": without them every
                // local user could log in as the superuser without a password
                .setLocaleConfig("auth", "scram-sha-256")
                .setLocaleConfig("pwfile", adminPasswordFile.toString())
                .setConnectConfig("password", adminPassword)
                .setServerConfig("listen_addresses", "127.0.0.1")
                // no Unix socket in /tmp: JDBC uses TCP anyway
                .setServerConfig("unix_socket_directories", "")
                // zonky tunes for throw-away test databases (fsync and synchronous_commit off); these rows must survive a crash
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setOutputRedirector(Redirect.appendTo(log.toFile()))
                .setErrorRedirector(Redirect.appendTo(log.toFile()))
                .start();
        try {
            String password = PrivateFiles.secret(dataDir.resolve("db-password"));
            String applicationPassword = PrivateFiles.secret(dataDir.resolve("db-app-password"));
            createRolesAndDatabase(postgres, password, applicationPassword);
            String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + DATABASE;
            return new EmbeddedDatabase(postgres, new DatabaseLogin(url, ROLE, password, APPLICATION_ROLE, applicationPassword));
        } catch (IOException | SQLException | RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    /**
     * First start: creates the owner's role, the application's login and the database. Later starts: keeps them,
     * re-applies the stored passwords (an earlier version had no application login: it is created then).
     */
    private static void createRolesAndDatabase(EmbeddedPostgres postgres, String password, String applicationPassword)
            throws SQLException {
        try (Connection admin = postgres.getPostgresDatabase().getConnection();
             Statement statement = admin.createStatement()) {
            loginRole(admin, statement, ROLE, password, "");
            loginRole(admin, statement, APPLICATION_ROLE, applicationPassword, " NOSUPERUSER NOBYPASSRLS NOINHERIT");
            if (!exists(admin, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)) {
                statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + ROLE);
            }
        }
    }

    private static void loginRole(Connection admin, Statement statement, String role, String password, String attributes)
            throws SQLException {
        boolean exists = exists(admin, "SELECT 1 FROM pg_roles WHERE rolname = ?", role);
        statement.execute((exists ? "ALTER ROLE " : "CREATE ROLE ") + role + " WITH LOGIN" + attributes);
        // the file is the source of truth (someone may have replaced it); the driver sends only the password's SCRAM
        // hash, where a statement holding the password could land in postgres.log
        admin.unwrap(PGConnection.class).alterUserPassword(role, password.toCharArray(), "scram-sha-256");
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    DatabaseLogin login() {
        return login;
    }

    int port() {
        return postgres.getPort();
    }

    /** pg_ctl stop -m fast: open transactions roll back, committed rows are on disk. */
    @Override
    public void close() throws IOException {
        Console.say("stopping the database...");
        postgres.close();
        Console.say("database stopped");
    }
}
