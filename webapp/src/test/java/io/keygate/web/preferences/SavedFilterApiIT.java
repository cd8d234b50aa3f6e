package io.keygate.web.preferences;

import static io.keygate.web.support.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.web.support.ApiClient;
import io.keygate.web.support.Deployments;
import io.keygate.web.support.Organizations;
import io.keygate.web.support.Organizations.TestOrganization;
import io.keygate.web.support.Response;
import io.keygate.web.support.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Saved filters and table layouts through the REST API: each admin's own (T4, T5, T9). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SavedFilterApiIT {

    private static final String FILTERS = "api/v1/saved-filters";
    private static final String LAYOUTS = "api/v1/table-layouts/";
    private static final String CRITERIA = "{\"name\":[\"web\"],\"machineGroupId\":[\"3\",\"7\"],\"search\":[\"bläu \\\"eu\\\" ✓\"]}";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.keygateWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void keepsASavedFilterExactlyAsGivenUntilDeleted() {
        TestOrganization org = Organizations.create(base, "filters-round-trip");
        String xssName = "<img src=x onerror=alert(1)> Ünïcødé";

        Response created = org.api().post(FILTERS, filter("provisioning-keys", xssName, "PREFERENCES", CRITERIA));

        assertEquals(201, created.status(), created.toString());
        assertTrue(created.header("Location").endsWith("/" + FILTERS + "/" + created.id()));
        JsonObject read = org.api().get(FILTERS + "/" + created.id()).json();
        assertEquals(xssName, read.getString("name"));
        assertEquals(Json.createReader(new java.io.StringReader(CRITERIA)).readObject(), read.getJsonObject("criteria"));
        assertEquals("PREFERENCES", read.getString("scope"));
        assertEquals(1, org.api().get(FILTERS + "?table=provisioning-keys").list().size());
        assertEquals(0, org.api().get(FILTERS + "?table=machine-groups").list().size());

        Response updated = org.api().put(FILTERS + "/" + created.id(), "{\"name\":\"renamed\",\"criteria\":{\"enabled\":[\"false\"]},\"version\":"
                + read.getInt("version") + "}");
        Response stale = org.api().put(FILTERS + "/" + created.id(), "{\"name\":\"again\",\"criteria\":{},\"version\":" + read.getInt("version") + "}");

        assertEquals(200, updated.status(), updated.toString());
        assertEquals("renamed", updated.json().getString("name"));
        assertEquals(Json.createObjectBuilder().add("enabled", Json.createArrayBuilder().add("false")).build(), updated.json().getJsonObject("criteria"));
        assertError(stale, 409, "stale_version");
        assertEquals(1, auditCount(org, "saved_filter.create"));
        assertEquals(1, auditCount(org, "saved_filter.update"), "the stale update wrote nothing");
        assertEquals(204, org.api().delete(FILTERS + "/" + created.id()).status());
        assertError(org.api().get(FILTERS + "/" + created.id()), 404, "not_found");
        assertEquals(1, auditCount(org, "saved_filter.delete"));
    }

    @Test
    void refusesBadInputNamingTheFieldAndWritesNothing() {
        TestOrganization org = Organizations.create(base, "filters-invalid");

        assertField(org.api().post(FILTERS, filter("Keys Table", "x", "PREFERENCES", "{}")), "table");
        assertField(org.api().post(FILTERS, filter("provisioning-keys", "  ", "PREFERENCES", "{}")), "name");
        assertField(org.api().post(FILTERS, filter("provisioning-keys", "x".repeat(101), "PREFERENCES", "{}")), "name");
        assertField(org.api().post(FILTERS, filter("provisioning-keys", "x", "PREFERENCES", "{\"bad key\":[\"1\"]}")), "criteria");
        assertField(org.api().post(FILTERS, filter("provisioning-keys", "x", "PREFERENCES", "{\"name\":[\"" + "y".repeat(256) + "\"]}")), "criteria");
        assertField(org.api().post(FILTERS, filter("provisioning-keys", "x", "SESSION", "{}")), "scope");
        assertField(org.api().put(LAYOUTS + "provisioning-keys", layout("[\"name\",\"name\"]", "{}", 0)), "visibleColumns");
        assertField(org.api().put(LAYOUTS + "provisioning-keys", layout("[\"name\"]", "{\"name\":20}", 0)), "widths");
        assertField(org.api().put(LAYOUTS + "Bad_Table", layout("[\"name\"]", "{}", 0)), "table");
        assertField(org.api().put(LAYOUTS + "provisioning-keys", "{\"visibleColumns\":[],\"widths\":{},\"filtersHidden\":false,\"defaultFilterId\":999999,"
                + "\"version\":0}"), "defaultFilterId");

        assertEquals(0, org.api().get(FILTERS + "?table=provisioning-keys").list().size());
        assertEquals(0, org.api().get(LAYOUTS + "provisioning-keys").json().getInt("version"), "no layout was stored");
        assertEquals(201, org.api().post(FILTERS, filter("provisioning-keys", "Web", "PREFERENCES", "{}")).status());
        assertError(org.api().post(FILTERS, filter("provisioning-keys", "WEB", "PREFERENCES", "{}")), 409, "duplicate_name");
    }

    @Test
    void allowsFiftyFiltersPerTable() {
        TestOrganization org = Organizations.create(base, "filters-limit");
        for (int i = 0; i < 50; i++) {
            assertEquals(201, org.api().post(FILTERS, filter("machine-groups", "filter " + i, "PREFERENCES", "{}")).status());
        }

        assertError(org.api().post(FILTERS, filter("machine-groups", "one too many", "PREFERENCES", "{}")), 409, "too_many_saved_filters");
        assertEquals(201, org.api().post(FILTERS, filter("provisioning-keys", "another table", "PREFERENCES", "{}")).status());
    }

    @Test
    void showsNobodyElsesFiltersOrLayoutsAndDeletesThemWithTheirAdmin() throws SQLException {
        TestOrganization org = Organizations.create(base, "filters-owners");
        TestOrganization other = Organizations.create(base, "filters-other-org");
        String colleague = "colleague-" + org.name();
        long colleagueId = org.api().post("api/v1/admins", "{\"username\":\"" + colleague + "\",\"password\":\"" + Organizations.PASSWORD
                + "\",\"role\":\"READ_ONLY\"}").id();
        ApiClient colleagueApi = ApiClient.as(base, colleague, Organizations.PASSWORD);
        long mine = org.api().post(FILTERS, filter("provisioning-keys", "mine", "PREFERENCES", CRITERIA)).id();
        Response theirs = colleagueApi.post(FILTERS, filter("provisioning-keys", "theirs", "PREFERENCES", "{}"));
        assertEquals(201, theirs.status(), "a READ_ONLY admin keeps their own filters: " + theirs);
        assertEquals(200, org.api().put(LAYOUTS + "provisioning-keys", layout("[\"name\",\"status\"]", "{\"name\":180}", 0)).status());
        assertEquals(200, colleagueApi.put(LAYOUTS + "provisioning-keys", layout("[\"name\"]", "{}", 0)).status());

        for (ApiClient stranger : new ApiClient[] {colleagueApi, other.api()}) {
            assertError(stranger.get(FILTERS + "/" + mine), 404, "not_found");
            assertError(stranger.put(FILTERS + "/" + mine, "{\"name\":\"stolen\",\"criteria\":{},\"version\":1}"), 404, "not_found");
            assertError(stranger.delete(FILTERS + "/" + mine), 404, "not_found");
            assertTrue(stranger.get(FILTERS + "?table=provisioning-keys").list().getValuesAs(JsonObject.class).stream()
                    .noneMatch(f -> f.getJsonNumber("id").longValue() == mine));
            assertError(stranger.put(LAYOUTS + "provisioning-keys", "{\"visibleColumns\":[],\"widths\":{},\"filtersHidden\":false,"
                    + "\"defaultFilterId\":" + mine + ",\"version\":" + stranger.get(LAYOUTS + "provisioning-keys").json().getInt("version") + "}"),
                    400, "default_filter_invalid");
        }
        assertError(org.api().get(FILTERS + "/" + theirs.id()), 404, "not_found");
        assertEquals(java.util.List.of("name", "status"), org.api().get(LAYOUTS + "provisioning-keys").json().getJsonArray("visibleColumns")
                .getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());
        assertEquals(java.util.List.of(), other.api().get(LAYOUTS + "provisioning-keys").json().getJsonArray("visibleColumns"));
        assertEquals(2, rowsOf(colleagueId), "the colleague's filter and layout");

        assertEquals(204, org.api().delete("api/v1/admins/" + colleagueId).status());

        assertEquals(0, rowsOf(colleagueId), "an admin's preferences go with the admin");
        assertEquals(200, org.api().get(FILTERS + "/" + mine).status());
    }

    @Test
    void forgetsADeletedDefaultViewAndResetsColumnsButNotTheDefault() {
        TestOrganization org = Organizations.create(base, "filters-default");
        long kept = org.api().post(FILTERS, filter("machine-groups", "default one", "PREFERENCES", "{\"enabled\":[\"true\"]}")).id();
        JsonObject layout = org.api().put(LAYOUTS + "machine-groups", "{\"visibleColumns\":[\"name\",\"status\"],\"widths\":{\"name\":150},"
                + "\"filtersHidden\":true,\"defaultFilterId\":" + kept + ",\"version\":0}").json();
        assertEquals(kept, layout.getJsonNumber("defaultFilterId").longValue());

        JsonObject reset = org.api().delete(LAYOUTS + "machine-groups").json();

        assertEquals(0, reset.getJsonArray("visibleColumns").size());
        assertEquals(0, reset.getJsonObject("widths").size());
        assertTrue(reset.getBoolean("filtersHidden"));
        assertEquals(kept, reset.getJsonNumber("defaultFilterId").longValue());
        assertError(org.api().put(LAYOUTS + "machine-groups", layout("[]", "{}", layout.getInt("version"))), 409, "stale_version");
        assertEquals(204, org.api().delete(FILTERS + "/" + kept).status());
        assertEquals(JsonValue.NULL, org.api().get(LAYOUTS + "machine-groups").json().get("defaultFilterId"));
    }

    private static String filter(String table, String name, String scope, String criteria) {
        return "{\"table\":\"" + table + "\",\"name\":" + Json.createValue(name) + ",\"scope\":\"" + scope + "\",\"criteria\":" + criteria + "}";
    }

    private static String layout(String columns, String widths, int version) {
        return "{\"visibleColumns\":" + columns + ",\"widths\":" + widths + ",\"filtersHidden\":false,\"defaultFilterId\":null,\"version\":"
                + version + "}";
    }

    private static void assertField(Response response, String field) {
        assertEquals(400, response.status(), response.toString());
        assertEquals(field, response.json().getJsonArray("params").getString(0), response.toString());
    }

    private static int auditCount(TestOrganization org, String action) {
        return org.api().get("api/v1/audit-events?action=" + action).json().getInt("totalCount");
    }

    private static int rowsOf(long account) throws SQLException {
        try (Connection db = TestDatabase.connect();
             PreparedStatement count = db.prepareStatement("SELECT (SELECT COUNT(*) FROM saved_filter WHERE account_id = ?) "
                     + "+ (SELECT COUNT(*) FROM table_layout WHERE account_id = ?)")) {
            count.setLong(1, account);
            count.setLong(2, account);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }
}
