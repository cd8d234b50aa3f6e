package io.keygate.web.support;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * A direct connection to the application's database as a superuser, which row-level security does not limit: tests
 * check and arrange every organisation's rows. {@link #connectAsApplication} connects as the application does.
 */
public final class TestDatabase {

    /** The actions of {@link #insertBulkAuditEvents}: event g has the one at g modulo 4. */
    public static final List<String> BULK_ACTIONS = List.of("bulk.create", "bulk.update", "bulk.delete", "bulk.reveal");

    private TestDatabase() {
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(System.getProperty("db.url"), System.getProperty("db.superuser"),
                System.getProperty("db.superuser.password"));
    }

    /**
     * As the schema's owner, as {@code ./keygate rotate-master-key} connects: row-level security binds it too (FORCE), so
     * it may read every row but change one only with the row's organisation set.
     */
    public static Connection connectAsSchemaOwner() throws SQLException {
        return DriverManager.getConnection(System.getProperty("db.url"), System.getProperty("db.user"), System.getProperty("db.password"));
    }

    /** As the application's login, which owns no table and bypasses no policy. */
    public static Connection connectAsApplication() throws SQLException {
        return DriverManager.getConnection(System.getProperty("db.url"), System.getProperty("db.app.user"),
                System.getProperty("db.app.password"));
    }

    /**
     * {@code count} keys named {@code bulk-1} to {@code bulk-<count>}, created by {@code bulk}, straight into the
     * table in one statement: for totals no test could create through the API in its time.
     */
    public static void insertBulkKeys(long organization, long group, long certificate, int count) throws SQLException {
        try (Connection db = connect();
             PreparedStatement bulk = db.prepareStatement("INSERT INTO provisioning_key (organization_id, name, description, "
                     + "machine_group_id, signing_certificate_id, enabled, exportable, allow_re_enrollment, key_id, pepper_version, secret_hash, "
                     + "created_at, created_by, modified_at, modified_by) SELECT ?, 'bulk-' || g, '', ?, ?, true, false, false, "
                     + "substr(md5(random()::text || g), 1, 16), 1, decode(md5(g::text) || md5(g::text), 'hex'), now(), 'bulk', now(), 'bulk' "
                     + "FROM generate_series(1, ?) g")) {
            bulk.setLong(1, organization);
            bulk.setLong(2, group);
            bulk.setLong(3, certificate);
            bulk.setInt(4, count);
            if (bulk.executeUpdate() != count) {
                throw new IllegalStateException("not all " + count + " keys were inserted");
            }
        }
    }

    /**
     * {@code count} audit events numbered 1 to {@code count} for an audit log of a size no test could cause through the API:
     * event g happens at 2026-01-01 plus g/2 seconds (so pairs share a time), its action is one of {@link #BULK_ACTIONS} by
     * g modulo 4, every third fails, its actor is {@code bulk-actor-<g mod 5>}, its resource {@code res-<g>}.
     */
    public static void insertBulkAuditEvents(long organization, int count) throws SQLException {
        try (Connection db = connect();
             PreparedStatement bulk = db.prepareStatement("INSERT INTO audit_event (occurred_at, organization_id, actor_type, actor_name, "
                     + "action, resource_type, resource_id, resource_name, outcome, reason, details, source_address, request_id) "
                     + "SELECT timestamptz '2026-01-01 00:00:00+00' + (g / 2) * interval '1 second', ?, 'ADMINISTRATOR', 'bulk-actor-' || (g % 5), "
                     + "(ARRAY['bulk.create','bulk.update','bulk.delete','bulk.reveal'])[g % 4 + 1], 'bulk resource', g::text, 'res-' || g, "
                     + "CASE WHEN g % 3 = 0 THEN 'FAILURE' ELSE 'SUCCESS' END, CASE WHEN g % 3 = 0 THEN 'refused ' || g END, "
                     + "'{\"n\":' || g || '}', '198.51.100.' || (g % 250), 'req-' || g FROM generate_series(1, ?) g")) {
            bulk.setLong(1, organization);
            bulk.setInt(2, count);
            if (bulk.executeUpdate() != count) {
                throw new IllegalStateException("not all " + count + " audit events were inserted");
            }
        }
    }

    /**
     * An organisation's groups, keys, machines, certificates, API tokens, admins and saved filters as one comparable
     * text: equal before and after means none of its objects changed. When an API token was last used (and the version
     * that use bumps) is left out: calling the API with a token is not a change.
     */
    public static String organizationDigest(long organization) throws SQLException {
        StringBuilder digest = new StringBuilder();
        try (Connection database = connect()) {
            for (String table : List.of("machine_group", "provisioning_key", "machine", "signing_certificate", "api_token",
                    "admin_account", "saved_filter")) {
                String unchecked = table.equals("api_token") ? " - 'last_used_at' - 'last_used_from' - 'version'" : "";
                try (PreparedStatement query = database.prepareStatement("SELECT md5(coalesce(string_agg((to_jsonb(t)" + unchecked
                        + ")::text, ',' ORDER BY t.id), '')) FROM " + table + " t WHERE organization_id = ?")) {
                    query.setLong(1, organization);
                    try (ResultSet row = query.executeQuery()) {
                        row.next();
                        digest.append(table).append('=').append(row.getString(1)).append(' ');
                    }
                }
            }
        }
        return digest.toString().strip();
    }

    /** How many successful actions the organisation's audit trail records. */
    public static long successfulAuditEvents(long organization) throws SQLException {
        try (Connection database = connect(); PreparedStatement query = database.prepareStatement(
                "SELECT count(*) FROM audit_event WHERE organization_id = ? AND outcome = 'SUCCESS'")) {
            query.setLong(1, organization);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** The whole database as {@code pg_dump} writes it (plain SQL), as an operator's backup would hold it. */
    public static String dump() throws IOException, InterruptedException {
        URI jdbc = URI.create(System.getProperty("db.url").substring("jdbc:".length()));
        ProcessBuilder pgDump = new ProcessBuilder("pg_dump", "--host=" + jdbc.getHost(), "--port=" + jdbc.getPort(),
                "--username=" + System.getProperty("db.superuser"), "--no-password", jdbc.getPath().substring(1));
        if (System.getProperty("db.superuser.password") != null) {
            pgDump.environment().put("PGPASSWORD", System.getProperty("db.superuser.password"));
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
