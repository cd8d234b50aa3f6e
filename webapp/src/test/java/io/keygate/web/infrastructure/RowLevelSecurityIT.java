package io.keygate.web.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.web.support.ApiClient;
import io.keygate.web.support.Deployments;
import io.keygate.web.support.Enrollments;
import io.keygate.web.support.KeySetup;
import io.keygate.web.support.Response;
import io.keygate.web.support.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The database's own guard between organisations (issue 8): connected as the application's login, with one
 * organisation set, no statement reads, changes, deletes or adds another organisation's rows; with none set, it sees
 * no rows at all. The rows are made the way users make them (API, an enrollment), then looked at as the application.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RowLevelSecurityIT {

    /** Every table of organisation data the guard covers the same way (the operator's account has no organisation). */
    static final List<String> GUARDED = List.of("admin_account", "machine_group", "machine", "machine_certificate", "organization_data_key",
            "signing_certificate", "provisioning_key", "provisioning_key_tally", "saved_filter", "table_layout", "api_token");

    /** Guarded too, append-only: read in its organisation, appended there or with no organisation (db/V15). */
    static final String AUDIT_TRAIL = "audit_event";

    /** Tables with an organisation column the guard does not cover, each with its reason: none. */
    static final Set<String> NOT_GUARDED = Set.of();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.keygateWar();
    }

    @ArquillianResource
    URL base;

    private final List<String> leaks = new ArrayList<>();
    private int statements;
    private long leakedRows;

    @Test
    void anOrganisationsConnectionNeitherSeesNorTouchesAnotherOrganisationsRows() throws Exception {
        long first = organisationWithOneRowInEveryTable("rls-a");
        long second = organisationWithOneRowInEveryTable("rls-b");
        for (String table : GUARDED) {
            long secondsRows = rowsAsSuperuser(table, second);
            assertTrue(secondsRows > 0, "the fixture made rows of the second organisation in " + table);
            try (Connection application = TestDatabase.connectAsApplication()) {
                application.setAutoCommit(false);
                actAs(application, first);
                long own = count(application, "SELECT count(*) FROM " + table + " WHERE organization_id = " + first);
                assertEquals(rowsAsSuperuser(table, first), own, "the organisation sees all of its own rows in " + table);
                check( table + " SELECT", count(application, "SELECT count(*) FROM " + table + " WHERE organization_id = " + second));
                check(table + " SELECT all", count(application, "SELECT count(*) FROM " + table + " WHERE organization_id <> " + first));
                check(table + " UPDATE", update(application, "UPDATE " + table + " SET organization_id = organization_id WHERE organization_id = " + second));
                check(table + " UPDATE into own", update(application, "UPDATE " + table + " SET organization_id = " + first
                        + " WHERE organization_id = " + second));
                check(table + " DELETE", update(application, "DELETE FROM " + table + " WHERE organization_id = " + second));
                application.rollback();

                statements++;
                actAs(application, first);
                SQLException refused = assertThrows(SQLException.class, () -> copyRowInto(application, table, second),
                        "adding a row of the second organisation to " + table);
                assertEquals("42501", refused.getSQLState(), table + ": " + refused.getMessage());
                application.rollback();

                statements++;
                actAs(application, first);
                SQLException moved = assertThrows(SQLException.class, () -> update(application, "UPDATE " + table
                        + " SET organization_id = " + second + " WHERE organization_id = " + first), "moving own rows into " + table);
                assertEquals("42501", moved.getSQLState(), table + ": " + moved.getMessage());
                application.rollback();

                application.setAutoCommit(true);
                try (Statement reset = application.createStatement()) {
                    reset.execute("RESET keygate.organization_id");
                }
                check(table + " SELECT with no organisation", count(application, "SELECT count(*) FROM " + table
                        + " WHERE organization_id IS NOT NULL"));
                check(table + " DELETE with no organisation", update(application, "DELETE FROM " + table + " WHERE organization_id = " + first));
            }
            assertEquals(secondsRows, rowsAsSuperuser(table, second), "nothing of the second organisation changed in " + table);
        }
        System.out.printf("row-level security: %d tables, %d statements across organisations, %d rows leaked%n",
                GUARDED.size(), statements, leakedRows);
        assertEquals(List.of(), leaks);
    }

    @Test
    void theAuditTrailIsReadInItsOrganisationAndAppendedOnlyThere() throws Exception {
        long first = KeySetup.of(base, "rls-audit-a").org().id();
        long second = KeySetup.of(base, "rls-audit-b").org().id();
        long secondsEvents = rowsAsSuperuser(AUDIT_TRAIL, second);
        assertTrue(secondsEvents > 0, "making an organisation, its group and CAs is audited");
        try (Connection application = TestDatabase.connectAsApplication()) {
            application.setAutoCommit(false);
            actAs(application, first);
            assertEquals(rowsAsSuperuser(AUDIT_TRAIL, first), count(application, "SELECT count(*) FROM audit_event WHERE organization_id = " + first));
            assertEquals(0, count(application, "SELECT count(*) FROM audit_event WHERE organization_id IS DISTINCT FROM " + first),
                    "neither the other organisation's events nor those of none");
            appendEvent(application, first);
            appendEvent(application, null);
            SQLException foreign = assertThrows(SQLException.class, () -> appendEvent(application, second));
            assertEquals("42501", foreign.getSQLState(), foreign.getMessage());
            application.rollback();
            for (String change : List.of("UPDATE audit_event SET reason = 'x' WHERE organization_id = " + second,
                    "DELETE FROM audit_event WHERE organization_id = " + first)) {
                actAs(application, first);
                SQLException refused = assertThrows(SQLException.class, () -> update(application, change), change);
                assertEquals("42501", refused.getSQLState(), change + ": " + refused.getMessage());
                application.rollback();
            }
            application.setAutoCommit(true);
            assertEquals(0, count(application, "SELECT count(*) FROM audit_event"), "with no organisation set, no event is visible");
        }
        assertEquals(secondsEvents, rowsAsSuperuser(AUDIT_TRAIL, second), "the other organisation's trail is unchanged");
    }

    @Test
    void theApplicationsLoginOwnsNothingAndBypassesNothing() throws Exception {
        try (Connection application = TestDatabase.connectAsApplication(); Statement statement = application.createStatement()) {
            try (ResultSet role = statement.executeQuery("SELECT rolsuper, rolbypassrls, (SELECT count(*) FROM pg_class "
                    + "WHERE relowner = pg_roles.oid) FROM pg_roles WHERE rolname = current_user")) {
                role.next();
                assertFalse(role.getBoolean(1), "superuser");
                assertFalse(role.getBoolean(2), "bypasses row-level security");
                assertEquals(0, role.getLong(3), "owns relations");
            }
            for (String refused : List.of("ALTER TABLE provisioning_key DISABLE ROW LEVEL SECURITY",
                    "ALTER TABLE provisioning_key NO FORCE ROW LEVEL SECURITY", "DROP POLICY organization_rows ON provisioning_key",
                    "SELECT count(*) FROM flyway_schema_history", "UPDATE audit_event SET action = action",
                    "DELETE FROM audit_event", "SET row_security = off; SELECT count(*) FROM provisioning_key")) {
                SQLException e = assertThrows(SQLException.class, () -> statement.execute(refused), refused);
                assertEquals("42501", e.getSQLState(), refused + ": " + e.getMessage());
            }
        }
    }

    @Test
    void everyTableWithAnOrganisationColumnIsGuarded() throws Exception {
        Set<String> withOrganisation = new TreeSet<>();
        Set<String> forced = new TreeSet<>();
        try (Connection database = TestDatabase.connect(); Statement statement = database.createStatement();
             ResultSet tables = statement.executeQuery("SELECT c.relname, c.relrowsecurity AND c.relforcerowsecurity, "
                     + "(SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'organization_rows') "
                     + "FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'organization_id' AND NOT a.attisdropped "
                     + "WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace")) {
            while (tables.next()) {
                withOrganisation.add(tables.getString(1));
                if (tables.getBoolean(2) && tables.getLong(3) == 1) {
                    forced.add(tables.getString(1));
                }
            }
        }
        Set<String> guarded = new TreeSet<>(GUARDED);
        guarded.add(AUDIT_TRAIL);
        assertEquals(guarded, forced, "ENABLE + FORCE and the organisation's policy");
        try (Connection database = TestDatabase.connect(); Statement statement = database.createStatement();
             ResultSet policies = statement.executeQuery("SELECT tablename, cmd, array_to_string(roles, ','), qual, with_check "
                     + "FROM pg_policies WHERE schemaname = current_schema() AND policyname = 'organization_rows'")) {
            while (policies.next()) {
                String table = policies.getString(1);
                assertEquals("public", policies.getString(3), table + ": the policy binds every role");
                assertTrue(policies.getString(4).contains("keygate_current_organization()"), table + " USING " + policies.getString(4));
                if (!"SELECT".equals(policies.getString(2))) {
                    assertTrue(policies.getString(5).contains("keygate_current_organization()"), table + " WITH CHECK " + policies.getString(5));
                }
            }
        }
        try (Connection database = TestDatabase.connect(); Statement statement = database.createStatement();
             ResultSet functions = statement.executeQuery("SELECT p.oid::regprocedure, array_to_string(p.proconfig, ';'), "
                     + "EXISTS (SELECT 1 FROM aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a WHERE a.grantee = 0) "
                     + "FROM pg_proc p WHERE p.pronamespace = current_schema()::regnamespace AND p.prosecdef")) {
            int definers = 0;
            while (functions.next()) {
                definers++;
                assertEquals("search_path=pg_catalog, public, pg_temp", functions.getString(2),
                        functions.getString(1) + ": the caller's temporary schema is searched last");
                assertFalse(functions.getBoolean(3), functions.getString(1) + " is not for everyone");
            }
            assertEquals(8, definers, "the narrow look-up functions");
        }
        Set<String> rest = new TreeSet<>(withOrganisation);
        rest.removeAll(forced);
        assertEquals(new TreeSet<>(NOT_GUARDED), rest, "tables with an organisation column and no guard");
    }

    @Test
    void theEnrollmentLookUpAnswersOnlyForTheKeyItIsGiven() throws Exception {
        KeySetup setup = KeySetup.of(base, "rls-lookup");
        JsonObject key = setup.create("rls-lookup-key");
        String keyId = key.getString("keyId");
        try (Connection application = TestDatabase.connectAsApplication()) {
            List<Long> organisations = new ArrayList<>();
            try (PreparedStatement lookUp = application.prepareStatement("SELECT organization_id FROM keygate_enrollment_verifier(?)")) {
                lookUp.setString(1, keyId);
                try (ResultSet rows = lookUp.executeQuery()) {
                    while (rows.next()) {
                        organisations.add(rows.getLong(1));
                    }
                }
                assertEquals(List.of(setup.org().id()), organisations, "the key's own organisation, with none set");
                lookUp.setString(1, "0000000000000000");
                assertFalse(lookUp.executeQuery().next(), "an unknown key id finds nothing");
            }
            assertEquals(0, count(application, "SELECT count(*) FROM provisioning_key"), "the function is the only way in");
        }
    }

    private long organisationWithOneRowInEveryTable(String label) throws Exception {
        KeySetup setup = KeySetup.of(base, label);
        ApiClient api = setup.org().api();
        JsonObject key = setup.create(label + "-key");
        Response enrolled = Enrollments.enroll(base, key.getString("provisioningKey"), label + "-host", label + "-fingerprint");
        assertEquals(201, enrolled.status(), enrolled.toString());
        Response token = api.post("api/v1/api-tokens", "{\"name\":\"" + label + "-token\",\"role\":\"READ_ONLY\"}");
        assertEquals(201, token.status(), token.toString());
        Response filter = api.post("api/v1/saved-filters", "{\"table\":\"provisioning-keys\",\"name\":\"" + label
                + "-filter\",\"scope\":\"PREFERENCES\",\"criteria\":{}}");
        assertEquals(201, filter.status(), filter.toString());
        JsonObject layout = api.get("api/v1/table-layouts/provisioning-keys").json();
        JsonObject widened = Json.createObjectBuilder(layout).add("widths", Json.createObjectBuilder().add("usage", 200)).build();
        Response saved = api.put("api/v1/table-layouts/provisioning-keys", widened.toString());
        assertEquals(200, saved.status(), saved.toString());
        return setup.org().id();
    }

    private static void actAs(Connection application, long organisation) throws SQLException {
        try (PreparedStatement set = application.prepareStatement("SELECT set_config('keygate.organization_id', ?, true)")) {
            set.setString(1, Long.toString(organisation));
            set.execute();
        }
    }

    /** Inserts a copy of one of the organisation's rows (read as superuser); a generated id is left to the table. */
    private static void copyRowInto(Connection application, String table, long organisation) throws SQLException {
        String json;
        String columns;
        try (Connection database = TestDatabase.connect(); PreparedStatement row = database.prepareStatement(
                "SELECT to_jsonb(t)::text, (SELECT string_agg(quote_ident(attname), ', ') FROM pg_attribute WHERE attrelid = ?::regclass "
                        + "AND attnum > 0 AND NOT attisdropped AND attidentity = '') FROM " + table + " t WHERE organization_id = ? LIMIT 1")) {
            row.setString(1, table);
            row.setLong(2, organisation);
            try (ResultSet found = row.executeQuery()) {
                found.next();
                json = found.getString(1);
                columns = found.getString(2);
            }
        }
        try (PreparedStatement insert = application.prepareStatement("INSERT INTO " + table + " (" + columns + ") SELECT " + columns
                + " FROM jsonb_populate_record(NULL::" + table + ", ?::jsonb)")) {
            insert.setString(1, json);
            insert.executeUpdate();
        }
    }

    private static void appendEvent(Connection application, Long organisation) throws SQLException {
        try (PreparedStatement insert = application.prepareStatement("INSERT INTO audit_event (occurred_at, organization_id, actor_type, "
                + "actor_name, action, outcome, details) VALUES (now(), ?, 'SYSTEM', 'rls-test', 'rls.test', 'SUCCESS', '{}')")) {
            if (organisation == null) {
                insert.setNull(1, java.sql.Types.BIGINT);
            } else {
                insert.setLong(1, organisation);
            }
            insert.executeUpdate();
        }
    }

    private static long rowsAsSuperuser(String table, long organisation) throws SQLException {
        try (Connection database = TestDatabase.connect()) {
            return count(database, "SELECT count(*) FROM " + table + " WHERE organization_id = " + organisation);
        }
    }

    private static long count(Connection connection, String query) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static long update(Connection connection, String statement) throws SQLException {
        try (Statement update = connection.createStatement()) {
            return update.executeUpdate(statement);
        }
    }

    /** One statement that must touch none of the other organisation's rows. */
    private void check(String what, long rows) {
        statements++;
        leakedRows += rows;
        if (rows != 0) {
            leaks.add(what + ": " + rows + " rows");
        }
    }
}
