package io.keygate.web.support;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** A direct connection to the application's database, as the application's own role. */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(System.getProperty("db.url"), System.getProperty("db.user"), System.getProperty("db.password"));
    }

    /** The whole database as {@code pg_dump} writes it (plain SQL), as an operator's backup would hold it. */
    public static String dump() throws IOException, InterruptedException {
        URI jdbc = URI.create(System.getProperty("db.url").substring("jdbc:".length()));
        ProcessBuilder pgDump = new ProcessBuilder("pg_dump", "--host=" + jdbc.getHost(), "--port=" + jdbc.getPort(),
                "--username=" + System.getProperty("db.user"), "--no-password", jdbc.getPath().substring(1));
        if (System.getProperty("db.password") != null) {
            pgDump.environment().put("PGPASSWORD", System.getProperty("db.password"));
        }
        pgDump.redirectErrorStream(true);
        Process process = pgDump.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("pg_dump failed: " + output);
        }
        return output;
    }
}
