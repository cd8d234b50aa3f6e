package io.keygate.web.groups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static io.keygate.web.support.ApiAssertions.assertError;

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
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The machine-group REST contract, against the real WAR on Payara Micro and PostgreSQL. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MachineGroupApiIT {

    private static final String GROUPS = "api/v1/machine-groups";
    private static final String KEYS = "api/v1/provisioning-keys";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.keygateWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void createsAGroupWithLocationAndReadsItBack() {
        TestOrganization org = Organizations.create(base, "create");

        Response created = org.api().post(GROUPS, group("Linux-Servers_1.prod", "<b>web</b> tier", true));

        assertEquals(201, created.status(), created.toString());
        JsonObject body = created.json();
        assertEquals("Linux-Servers_1.prod", body.getString("name"));
        assertEquals("<b>web</b> tier", body.getString("description"));
        assertTrue(body.getBoolean("enabled"));
        assertEquals(0, body.getInt("machineCount"));
        assertTrue(body.containsKey("version"));
        assertNotNull(body.getString("createdAt"));
        assertNotNull(body.getString("modifiedAt"));
        String location = created.header("Location");
        assertTrue(location.endsWith("/api/v1/machine-groups/" + created.id()), location);
        Response read = org.api().get(GROUPS + "/" + created.id());
        assertEquals(200, read.status());
        assertEquals(body, read.json());
    }

    @Test
    void refusesInvalidNamesNamingTheFieldAndWritesNothing() {
        TestOrganization org = Organizations.create(base, "invalid");

        Response withSpace = org.api().post(GROUPS, group("has space", "", true));
        Response missing = org.api().post(GROUPS, "{\"description\":\"no name\"}");
        Response tooLong = org.api().post(GROUPS, group("a".repeat(256), "", true));

        assertError(withSpace, 400, "name_invalid");
        assertEquals("name", withSpace.json().getJsonArray("params").getString(0));
        assertTrue(withSpace.json().getString("reason").contains("letters"), withSpace.toString());
        assertError(missing, 400, "name_required");
        assertError(tooLong, 400, "name_too_long");
        assertEquals(0, org.api().get(GROUPS).json().getInt("totalCount"));
    }

    @Test
    void refusesADuplicateNameIgnoringCase() {
        TestOrganization org = Organizations.create(base, "duplicate");
        assertEquals(201, org.api().post(GROUPS, group("Build-Agents", "", true)).status());

        Response duplicate = org.api().post(GROUPS, group("build-agents", "", true));

        assertError(duplicate, 409, "duplicate_name");
        assertEquals(1, org.api().get(GROUPS).json().getInt("totalCount"));
    }

    @Test
    void refusesAStaleUpdateAndKeepsTheFirstWriter() {
        TestOrganization org = Organizations.create(base, "stale");
        JsonObject created = org.api().post(GROUPS, group("kiosks", "", true)).json();
        long id = created.getJsonNumber("id").longValue();
        long readVersion = created.getJsonNumber("version").longValue();

        Response first = org.api().put(GROUPS + "/" + id, update("kiosks-east", "first", false, readVersion));
        Response second = org.api().put(GROUPS + "/" + id, update("kiosks-west", "second", true, readVersion));

        assertEquals(200, first.status(), first.toString());
        assertEquals(readVersion + 1, first.json().getJsonNumber("version").longValue());
        assertError(second, 409, "stale_version");
        assertTrue(second.json().getString("reason").contains("modified by someone else"));
        JsonObject stored = org.api().get(GROUPS + "/" + id).json();
        assertEquals("kiosks-east", stored.getString("name"));
        assertEquals("first", stored.getString("description"));
        assertFalse(stored.getBoolean("enabled"));
    }

    @Test
    void refusesAnUpdateWithoutVersionOrStatus() {
        TestOrganization org = Organizations.create(base, "update-rules");
        JsonObject created = org.api().post(GROUPS, group("printers", "", true)).json();
        long id = created.getJsonNumber("id").longValue();
        int version = created.getInt("version");

        assertError(org.api().put(GROUPS + "/" + id, "{\"name\":\"printers\",\"enabled\":true}"), 400, "version_required");
        assertError(org.api().put(GROUPS + "/" + id, "{\"name\":\"printers\",\"version\":" + version + "}"), 400, "enabled_required");
        assertError(org.api().put(GROUPS + "/" + id, update("bad name", "", true, version)), 400, "name_invalid");
        assertEquals(created, org.api().get(GROUPS + "/" + id).json());
    }

    @Test
    void deletesWith204AndThenAnswers404() {
        TestOrganization org = Organizations.create(base, "delete");
        long id = org.api().post(GROUPS, group("temporary", "", true)).id();

        Response deleted = org.api().delete(GROUPS + "/" + id);

        assertEquals(204, deleted.status());
        assertError(org.api().get(GROUPS + "/" + id), 404, "not_found");
        assertError(org.api().delete(GROUPS + "/" + id), 404, "not_found");
        assertError(org.api().put(GROUPS + "/" + id, update("temporary", "", true, 0)), 404, "not_found");
    }

    @Test
    void refusesToDeleteAGroupThatStillHasMachines() throws SQLException {
        TestOrganization org = Organizations.create(base, "in-use");
        long id = org.api().post(GROUPS, group("with-machines", "", true)).id();
        try (Connection db = TestDatabase.connect();
             PreparedStatement insert = db.prepareStatement("INSERT INTO machine (organization_id, machine_group_id, hostname, fingerprint) VALUES (?, ?, ?, ?)")) {
            for (int i = 0; i < 2; i++) {
                insert.setLong(1, org.id());
                insert.setLong(2, id);
                insert.setString(3, "host-" + i);
                insert.setString(4, "fp-" + i);
                insert.executeUpdate();
            }
        }

        Response refused = org.api().delete(GROUPS + "/" + id);

        assertError(refused, 409, "group_in_use");
        assertTrue(refused.json().getString("reason").contains("2 machine(s)"), refused.toString());
        assertEquals(2, org.api().get(GROUPS + "/" + id).json().getInt("machineCount"));
    }

    @Test
    void answersWrongMediaTypeAndMalformedJsonWithErrorBodies() {
        TestOrganization org = Organizations.create(base, "media");

        Response textPlain = org.api().send("POST", GROUPS, "text/plain", "name=x");
        Response malformed = org.api().post(GROUPS, "{\"name\": ");
        Response wrongType = org.api().post(GROUPS, "{\"name\":\"ok\",\"enabled\":\"sometimes\"}");
        Response noBody = org.api().send("POST", GROUPS, "application/json", "");

        assertError(textPlain, 415, "unsupported_media_type");
        assertError(malformed, 400, "malformed_json");
        assertError(wrongType, 400, "malformed_json");
        assertEquals(400, noBody.status(), noBody.toString());
        assertEquals(0, org.api().get(GROUPS).json().getInt("totalCount"));
    }

    @Test
    void entityTagsGuardChangesOfGroupsKeysAndAdmins() {
        TestOrganization org = Organizations.create(base, "etags");
        String group = GROUPS + "/" + org.api().post(GROUPS, "{\"name\":\"tagged\",\"enabled\":true}").id();
        Response read = org.api().get(group);
        String tag = read.header("ETag");
        assertEquals("\"" + read.json().getJsonNumber("version").longValue() + "\"", tag, "R3: a resource's tag is its version");
        assertEquals(null, org.api().get(GROUPS).header("ETag"), "a list has none");
        Response layout = org.api().get("api/v1/table-layouts/machine-groups");
        assertEquals(200, layout.status(), layout.toString());
        assertEquals(null, layout.header("ETag"), "nor a resource whose changes take no If-Match");

        Response updated = org.api().withHeader("If-Match", tag).put(group, "{\"name\":\"tagged\",\"description\":\"kept\",\"enabled\":true}");
        assertEquals(200, updated.status(), updated.toString());
        String newTag = updated.header("ETag");
        assertEquals("\"" + updated.json().getJsonNumber("version").longValue() + "\"", newTag);
        assertTrue(!newTag.equals(tag), "a change moves the tag");
        assertError(org.api().withHeader("If-Match", tag).put(group, "{\"name\":\"tagged\",\"description\":\"lost\",\"enabled\":true}"), 412,
                "stale_version");
        assertError(org.api().withHeader("If-Match", newTag).put(group, "{\"name\":\"tagged\",\"enabled\":true,\"version\":"
                + read.json().getJsonNumber("version") + "}"), 400, "version_mismatch");
        assertError(org.api().put(group, "{\"name\":\"tagged\",\"description\":\"lost\",\"enabled\":true,\"version\":"
                + read.json().getJsonNumber("version") + "}"), 409, "stale_version");
        assertEquals("kept", org.api().get(group).json().getString("description"), "no refused write changed the group");
        assertError(org.api().withHeader("If-Match", "*").delete(group), 400, "if_match_invalid");
        assertError(org.api().withHeader("If-Match", tag).delete(group), 412, "stale_version");
        assertEquals(200, org.api().get(group).status());
        assertError(org.api().withHeader("If-Match", "W/" + newTag).delete(group), 400, "if_match_invalid");
        assertEquals(204, org.api().withHeader("If-Match", newTag).delete(group).status());
        assertEquals(404, org.api().get(group).status());

        long fleet = org.api().post(GROUPS, "{\"name\":\"fleet\",\"enabled\":true}").id();
        long certificate = org.api().get("api/v1/signing-certificates?name=Client").list().getJsonObject(0).getJsonNumber("id").longValue();
        String key = KEYS + "/" + org.api().post(KEYS, "{\"name\":\"tagged-key\",\"machineGroupId\":" + fleet + ",\"signingCertificateId\":"
                + certificate + "}").id();
        String keyTag = org.api().get(key).header("ETag");
        assertTrue(keyTag.matches("\"\\d+\""), keyTag);
        assertError(org.api().withHeader("If-Match", "\"999\"").delete(key), 412, "stale_version");
        assertEquals(204, org.api().withHeader("If-Match", keyTag).delete(key).status());

        String admin = "api/v1/admins/" + org.api().post("api/v1/admins", "{\"username\":\"tagged-" + org.name() + "\",\"password\":\""
                + Organizations.PASSWORD + "\",\"role\":\"READ_ONLY\"}").id();
        String adminTag = org.api().get(admin).header("ETag");
        Response promoted = org.api().withHeader("If-Match", adminTag).put(admin, "{\"role\":\"ADMINISTRATOR\"}");
        assertEquals(200, promoted.status(), promoted.toString());
        assertError(org.api().withHeader("If-Match", adminTag).delete(admin), 412, "stale_version");
        assertEquals(204, org.api().withHeader("If-Match", promoted.header("ETag")).delete(admin).status());
    }

    @Test
    void refusesAnonymousAndWrongPasswordsWithJson401() {
        Response anonymous = ApiClient.anonymous(base).get(GROUPS);
        Response wrongPassword = ApiClient.as(base, ApiClient.ADMIN, "not-the-password").get(GROUPS);

        assertError(anonymous, 401, "not_authenticated");
        assertError(wrongPassword, 401, "invalid_credentials");
        assertTrue(anonymous.header("WWW-Authenticate").startsWith("Bearer"), "tokens first: " + anonymous.header("WWW-Authenticate"));
        assertTrue(anonymous.header("WWW-Authenticate").contains("Basic"), "the test server also takes Basic (KEYGATE_API_BASIC_AUTH=true)");
        assertNotNull(wrongPassword.header("X-Request-Id"), "the request id names the audited failure");
    }

    @Test
    void keepsEachOrganisationsGroupsInvisibleToTheOtherInBothDirections() {
        TestOrganization a = Organizations.create(base, "tenant-a");
        TestOrganization b = Organizations.create(base, "tenant-b");
        long ofA = a.api().post(GROUPS, group("shared-name", "A's", true)).id();
        long ofB = b.api().post(GROUPS, group("shared-name", "B's", true)).id();
        JsonObject originalOfA = a.api().get(GROUPS + "/" + ofA).json();
        JsonObject originalOfB = b.api().get(GROUPS + "/" + ofB).json();

        for (var pair : List.of(new Object[] {b, ofA, a, originalOfA}, new Object[] {a, ofB, b, originalOfB})) {
            TestOrganization intruder = (TestOrganization) pair[0];
            long foreignId = (long) pair[1];
            TestOrganization owner = (TestOrganization) pair[2];
            JsonObject original = (JsonObject) pair[3];
            assertError(intruder.api().get(GROUPS + "/" + foreignId), 404, "not_found");
            assertError(intruder.api().put(GROUPS + "/" + foreignId, update("stolen", "", false, original.getInt("version"))), 404, "not_found");
            assertError(intruder.api().delete(GROUPS + "/" + foreignId), 404, "not_found");
            JsonObject intruderList = intruder.api().get(GROUPS + "?pageSize=500").json();
            assertEquals(1, intruderList.getInt("totalCount"));
            assertFalse(intruderList.getJsonArray("list").getValuesAs(JsonObject.class).stream()
                    .anyMatch(g -> g.getJsonNumber("id").longValue() == foreignId));
            assertEquals(original, owner.api().get(GROUPS + "/" + foreignId).json());
        }
    }

    @Test
    void pagesSortsAndFiltersInTheDatabase() {
        TestOrganization org = Organizations.create(base, "paging");
        List<String> names = new ArrayList<>();
        IntStream.range(0, 300).forEach(i -> {
            String name = (i % 3 == 0 ? "Web-" : "db-") + String.format("%03d", (i * 7919) % 300);
            names.add(name);
            assertEquals(201, org.api().post(GROUPS, group(name, "", i % 5 != 0)).status());
        });
        List<String> sorted = names.stream().sorted(Comparator.comparing(String::toLowerCase)).toList();

        JsonObject firstPage = org.api().get(GROUPS).json();
        JsonObject secondBySize = org.api().get(GROUPS + "?page=2&pageSize=50&sort=name").json();
        JsonObject newestFirst = org.api().get(GROUPS + "?sort=-createdAt&pageSize=1").json();
        JsonObject webOnly = org.api().get(GROUPS + "?name=WEB&pageSize=500").json();
        JsonObject disabled = org.api().get(GROUPS + "?enabled=false&pageSize=500").json();
        JsonObject reversed = org.api().get(GROUPS + "?sort=-name&pageSize=3").json();

        assertEquals(20, firstPage.getInt("pageSize"));
        assertEquals(300, firstPage.getInt("totalCount"));
        assertEquals(15, firstPage.getInt("totalPages"));
        assertEquals(20, firstPage.getJsonArray("list").size());
        assertEquals(sorted.subList(50, 100), names(secondBySize));
        assertEquals(6, secondBySize.getInt("totalPages"));
        assertEquals(names.get(299), names(newestFirst).get(0));
        assertEquals(100, webOnly.getInt("totalCount"));
        assertTrue(names(webOnly).stream().allMatch(n -> n.startsWith("Web-")));
        assertEquals(60, disabled.getInt("totalCount"));
        assertEquals(List.of(sorted.get(299), sorted.get(298), sorted.get(297)), names(reversed));
    }

    @Test
    void filtersByMachinesAndSearchesDescriptions() throws SQLException {
        TestOrganization org = Organizations.create(base, "group-chips");
        List<Long> ids = new ArrayList<>();
        IntStream.range(0, 40).forEach(i -> ids.add(org.api().post(GROUPS,
                group("g-" + String.format("%02d", i), i % 4 == 0 ? "Serves the EU shops" : "other", i % 5 != 0)).id()));
        try (Connection db = TestDatabase.connect();
             PreparedStatement machine = db.prepareStatement("INSERT INTO machine (organization_id, machine_group_id, hostname, fingerprint) "
                     + "VALUES (?, ?, 'host', 'fp')")) {
            for (int i = 0; i < 40; i += 3) {
                machine.setLong(1, org.id());
                machine.setLong(2, ids.get(i));
                machine.executeUpdate();
            }
        }

        List<String> withMachines = names(org.api().get(GROUPS + "?hasMachines=true&pageSize=500").json());
        List<String> empty = names(org.api().get(GROUPS + "?hasMachines=false&enabled=true&pageSize=500").json());
        List<String> eu = names(org.api().get(GROUPS + "?search=eu%20SHOPS&pageSize=500").json());

        assertEquals(IntStream.range(0, 40).filter(i -> i % 3 == 0).mapToObj(i -> "g-" + String.format("%02d", i)).toList(), withMachines);
        assertEquals(IntStream.range(0, 40).filter(i -> i % 3 != 0 && i % 5 != 0).mapToObj(i -> "g-" + String.format("%02d", i)).toList(), empty);
        assertEquals(IntStream.range(0, 40).filter(i -> i % 4 == 0).mapToObj(i -> "g-" + String.format("%02d", i)).toList(), eu);
        assertEquals(40, org.api().get(GROUPS + "?search=g-").json().getInt("totalCount"), "the search also matches names");
        assertParamError(org.api().get(GROUPS + "?hasMachines=some"), "hasMachines");
        assertParamError(org.api().get(GROUPS + "?colour=blue"), "colour");
    }

    @Test
    void refusesBadListParametersNamingThem() {
        TestOrganization org = Organizations.create(base, "params");

        assertParamError(org.api().get(GROUPS + "?pageSize=501"), "pageSize");
        assertParamError(org.api().get(GROUPS + "?page=0"), "page");
        assertParamError(org.api().get(GROUPS + "?page=abc"), "page");
        assertParamError(org.api().get(GROUPS + "?sort=-password"), "sort");
        assertParamError(org.api().get(GROUPS + "?enabled=maybe"), "enabled");
    }

    @Test
    void letsReadOnlyAdminsReadButNotChange() {
        TestOrganization org = Organizations.create(base, "read-only");
        long id = org.api().post(GROUPS, group("visible", "", true)).id();
        assertEquals(201, org.api().post("api/v1/admins",
                "{\"username\":\"viewer-" + org.name() + "\",\"password\":\"" + Organizations.PASSWORD + "\",\"role\":\"READ_ONLY\"}").status());
        ApiClient viewer = ApiClient.as(base, "viewer-" + org.name(), Organizations.PASSWORD);

        assertEquals(200, viewer.get(GROUPS + "/" + id).status());
        assertError(viewer.post(GROUPS, group("sneaky", "", true)), 403, "read_only");
        assertError(viewer.put(GROUPS + "/" + id, update("renamed", "", true, 0)), 403, "read_only");
        assertError(viewer.delete(GROUPS + "/" + id), 403, "read_only");
        assertEquals(1, org.api().get(GROUPS).json().getInt("totalCount"));
        assertEquals("visible", org.api().get(GROUPS + "/" + id).json().getString("name"));
    }

    @Test
    void auditsCreateUpdateAndDeleteWithBeforeAndAfter() {
        TestOrganization org = Organizations.create(base, "audited");
        JsonObject created = org.api().post(GROUPS, group("audited-group", "v1", true)).json();
        long id = created.getJsonNumber("id").longValue();
        Response updated = org.api().put(GROUPS + "/" + id, update("audited-group", "v2", false, created.getInt("version")));
        assertEquals(200, updated.status(), updated.toString());
        assertEquals(204, org.api().delete(GROUPS + "/" + id).status());

        JsonObject update = onlyEvent(org, "machine_group.update");
        JsonObject details = Json.createReader(new java.io.StringReader(update.getString("details"))).readObject();

        assertEquals(org.adminUsername(), update.getString("actorName"));
        assertEquals("SUCCESS", update.getString("outcome"));
        assertEquals(String.valueOf(id), update.getString("resourceId"));
        assertEquals("audited-group", update.getString("resourceName"));
        assertEquals(updated.header("X-Request-Id"), update.getString("requestId"));
        assertEquals("127.0.0.1", update.getString("sourceAddress"));
        assertEquals("v1", details.getJsonObject("before").getString("description"));
        assertEquals("v2", details.getJsonObject("after").getString("description"));
        assertEquals(JsonValue.FALSE, details.getJsonObject("after").get("enabled"));
        assertEquals("v1", Json.createReader(new java.io.StringReader(onlyEvent(org, "machine_group.create").getString("details")))
                .readObject().getJsonObject("after").getString("description"));
        assertEquals("v2", Json.createReader(new java.io.StringReader(onlyEvent(org, "machine_group.delete").getString("details")))
                .readObject().getJsonObject("before").getString("description"));
    }

    @Test
    void refusesToUpdateDeleteOrTruncateAuditRowsThroughTheApplicationsConnection() throws SQLException {
        TestOrganization org = Organizations.create(base, "append-only");
        org.api().post(GROUPS, group("leaves-a-trace", "", true));
        long id = onlyEvent(org, "machine_group.create").getJsonNumber("id").longValue();

        try (Connection db = TestDatabase.connect(); Statement statement = db.createStatement()) {
            SQLException update = assertThrows(SQLException.class,
                    () -> statement.executeUpdate("UPDATE audit_event SET actor_name = 'someone-else' WHERE id = " + id));
            SQLException delete = assertThrows(SQLException.class,
                    () -> statement.executeUpdate("DELETE FROM audit_event WHERE id = " + id));
            SQLException truncate = assertThrows(SQLException.class, () -> statement.executeUpdate("TRUNCATE audit_event"));
            assertTrue(update.getMessage().contains("append-only"), update.getMessage());
            assertTrue(delete.getMessage().contains("append-only"), delete.getMessage());
            assertTrue(truncate.getMessage().contains("append-only"), truncate.getMessage());
            try (ResultSet row = statement.executeQuery("SELECT actor_name FROM audit_event WHERE id = " + id)) {
                assertTrue(row.next());
                assertEquals(org.adminUsername(), row.getString(1));
            }
        }
    }

    @Test
    void refusesRenamingToAnotherGroupsNameWith409AndKeepsBoth() {
        TestOrganization org = Organizations.create(base, "rename");
        org.api().post(GROUPS, group("alpha", "", true));
        JsonObject beta = org.api().post(GROUPS, group("beta", "", true)).json();

        Response renamed = org.api().put(GROUPS + "/" + beta.getJsonNumber("id").longValue(), update("ALPHA", "", true, beta.getInt("version")));

        assertError(renamed, 409, "duplicate_name");
        assertEquals("beta", org.api().get(GROUPS + "/" + beta.getJsonNumber("id").longValue()).json().getString("name"));
    }

    @Test
    void letsOneOfSeveralConcurrentEditsOrDeletesWinAndRefusesTheOthersCleanly() throws Exception {
        TestOrganization org = Organizations.create(base, "concurrent");
        JsonObject edited = org.api().post(GROUPS, group("contested", "", true)).json();
        long editedId = edited.getJsonNumber("id").longValue();
        long deletedId = org.api().post(GROUPS, group("doomed", "", true)).id();

        List<Response> edits = concurrently(4, i -> org.api().put(GROUPS + "/" + editedId, update("contested-" + i, "", true, edited.getInt("version"))));
        List<Response> deletes = concurrently(4, i -> org.api().delete(GROUPS + "/" + deletedId));

        assertEquals(1, edits.stream().filter(r -> r.status() == 200).count(), edits.toString());
        edits.stream().filter(r -> r.status() != 200).forEach(r -> assertError(r, 409, "stale_version"));
        assertEquals(1, deletes.stream().filter(r -> r.status() == 204).count(), deletes.toString());
        deletes.stream().filter(r -> r.status() != 204).forEach(r -> assertEquals(404, r.status(), r.toString()));
        String winner = edits.stream().filter(r -> r.status() == 200).findFirst().orElseThrow().json().getString("name");
        assertEquals(winner, org.api().get(GROUPS + "/" + editedId).json().getString("name"));
    }

    @Test
    void refusesAPageBeyondAnyListAndAnApiPathInDisguise() {
        TestOrganization org = Organizations.create(base, "edges");

        assertParamError(org.api().get(GROUPS + "?page=4294969&pageSize=500"), "page");
        assertError(ApiClient.anonymous(base).get("api;x=1/v1/machine-groups"), 401, "not_authenticated");
    }

    @Test
    void sendsBrowserProtectionHeaders() {
        TestOrganization org = Organizations.create(base, "headers");

        Response list = org.api().get(GROUPS);

        assertTrue(list.header("Content-Security-Policy").contains("frame-ancestors 'none'"), list.header("Content-Security-Policy"));
        assertEquals("DENY", list.header("X-Frame-Options"));
        assertEquals("nosniff", list.header("X-Content-Type-Options"));
        assertEquals("same-origin", list.header("Referrer-Policy"));
    }

    private static List<Response> concurrently(int count, java.util.function.IntFunction<Response> call) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(count);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.apply(index);
                }));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (java.util.concurrent.Future<Response> future : futures) {
                responses.add(future.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void loadsNoDemoDataWithoutTheDemoFlag() {
        JsonObject organizations = ApiClient.as(base, ApiClient.OPERATOR, ApiClient.OPERATOR_PASSWORD)
                .get("api/v1/organizations?pageSize=500").json();
        JsonObject demoGroups = ApiClient.as(base, ApiClient.ADMIN, ApiClient.ADMIN_PASSWORD).get(GROUPS + "?name=Kiosks.EU").json();

        assertTrue(organizations.getJsonArray("list").getValuesAs(JsonObject.class).stream()
                .anyMatch(o -> o.getString("name").equals("default")));
        assertFalse(organizations.getJsonArray("list").getValuesAs(JsonObject.class).stream()
                .anyMatch(o -> o.getString("name").equals("Acme-Robotics")));
        assertEquals(0, demoGroups.getInt("totalCount"));
    }

    private static JsonObject onlyEvent(TestOrganization org, String action) {
        Response events = org.api().get("api/v1/audit-events?action=" + action);
        assertEquals(200, events.status(), events.toString());
        assertEquals(1, events.list().size(), events.toString());
        return events.list().getJsonObject(0);
    }

    private static List<String> names(JsonObject page) {
        return page.getJsonArray("list").getValuesAs(JsonObject.class).stream().map(g -> g.getString("name")).toList();
    }

    private static void assertParamError(Response response, String parameter) {
        assertEquals(400, response.status(), response.toString());
        assertEquals(parameter, response.json().getJsonArray("params").getString(0), response.toString());
    }

    private static String group(String name, String description, boolean enabled) {
        return Json.createObjectBuilder().add("name", name).add("description", description).add("enabled", enabled).build().toString();
    }

    private static String update(String name, String description, boolean enabled, long version) {
        return Json.createObjectBuilder().add("name", name).add("description", description).add("enabled", enabled)
                .add("version", version).build().toString();
    }
}
