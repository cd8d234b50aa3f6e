package io.keygate.web.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Organisations, admins and sign-in through the REST API, against the real WAR on Payara Micro and PostgreSQL. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AccountApiIT {

    private static final String ORGANIZATIONS = "api/v1/organizations";
    private static final String ADMINS = "api/v1/admins";
    private static final String GROUPS = "api/v1/machine-groups";
    private static final String AUDIT = "api/v1/audit-events";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.keygateWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void createsAnOrganisationWhoseFirstAdminSignsInToAnEmptyOrganisation() {
        String suffix = suffix();
        String name = "Acme-" + suffix;
        String username = "first-" + suffix;

        Response created = operator().post(ORGANIZATIONS, organization(name, username, Organizations.PASSWORD));

        assertEquals(201, created.status(), created.toString());
        JsonObject body = created.json();
        assertEquals(name, body.getString("name"));
        assertEquals(1, body.getInt("adminCount"));
        assertNotNull(body.getString("createdAt"));
        String location = created.header("Location");
        assertTrue(location.endsWith("/" + ORGANIZATIONS + "/" + created.id()), location);
        assertEquals(body, operator().get(ORGANIZATIONS + "/" + created.id()).json());
        ApiClient firstAdmin = ApiClient.as(base, username, Organizations.PASSWORD);
        JsonObject groups = firstAdmin.get(GROUPS).json();
        assertEquals(0, groups.getInt("totalCount"));
        JsonObject admins = firstAdmin.get(ADMINS).json();
        assertEquals(1, admins.getInt("totalCount"));
        assertEquals(username, admins.getJsonArray("list").getJsonObject(0).getString("username"));
        assertEquals("ADMINISTRATOR", admins.getJsonArray("list").getJsonObject(0).getString("role"));
        JsonObject listed = operatorsOrganizations().getJsonArray("list").getValuesAs(JsonObject.class).stream()
                .filter(o -> o.getJsonNumber("id").longValue() == created.id()).findFirst().orElseThrow();
        assertEquals(body, listed);
    }

    @Test
    void refusesADuplicateOrganisationNameIgnoringCaseAndCreatesNothing() throws SQLException {
        TestOrganization existing = Organizations.create(base, "taken");
        long organizationsBefore = organizationCount();
        String username = "second-" + suffix();

        Response duplicate = operator().post(ORGANIZATIONS, organization(existing.name().toUpperCase(), username, Organizations.PASSWORD));

        assertError(duplicate, 409, "duplicate_name");
        assertEquals("name", duplicate.json().getJsonArray("params").getString(0));
        assertEquals(organizationsBefore, organizationCount());
        assertEquals(0, accountsNamed(username));
    }

    @Test
    void refusesAUsernameTakenInAnyOrganisationAndCreatesNothing() {
        TestOrganization other = Organizations.create(base, "owner");
        long organizationsBefore = organizationCount();
        String nameA = "steals-" + suffix();
        String nameB = "steals-" + suffix();

        Response takenElsewhere = operator().post(ORGANIZATIONS, organization(nameA, other.adminUsername(), Organizations.PASSWORD));
        Response takenOtherCase = operator().post(ORGANIZATIONS, organization(nameB, ApiClient.ADMIN.toUpperCase(), Organizations.PASSWORD));

        assertError(takenElsewhere, 409, "duplicate_username");
        assertEquals("adminUsername", takenElsewhere.json().getJsonArray("params").getString(0));
        assertError(takenOtherCase, 409, "duplicate_username");
        assertEquals(organizationsBefore, organizationCount());
        List<String> names = organizationNames();
        assertFalse(names.contains(nameA) || names.contains(nameB), names.toString());
        assertEquals(1, other.api().get(ADMINS).json().getInt("totalCount"));
    }

    @Test
    void refusesAnInvalidNameOrAShortPasswordNamingTheFieldAndCreatesNothing() throws SQLException {
        long organizationsBefore = organizationCount();
        String suffix = suffix();

        Response badName = operator().post(ORGANIZATIONS, organization("has space " + suffix, "bad-name-" + suffix, Organizations.PASSWORD));
        Response shortPassword = operator().post(ORGANIZATIONS, organization("short-" + suffix, "short-" + suffix, "11-chars-pw"));

        assertError(badName, 400, "name_invalid");
        assertEquals(List.of("name"), badName.json().getJsonArray("params").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList());
        assertError(shortPassword, 400, "password_too_short");
        assertEquals("adminPassword", shortPassword.json().getJsonArray("params").getString(0));
        assertEquals(organizationsBefore, organizationCount());
        assertEquals(0, accountsNamed("bad-name-" + suffix) + accountsNamed("short-" + suffix));
    }

    @Test
    void keepsOrganisationsToTheOperatorAndTheOperatorOutOfOrganisations() {
        long organizationsBefore = organizationCount();
        ApiClient defaultAdmin = ApiClient.as(base, ApiClient.ADMIN, ApiClient.ADMIN_PASSWORD);
        String name = "not-yours-" + suffix();

        Response adminCreates = defaultAdmin.post(ORGANIZATIONS, organization(name, name, Organizations.PASSWORD));
        Response adminLists = defaultAdmin.get(ORGANIZATIONS);
        Response operatorListsGroups = operator().get(GROUPS);
        Response operatorListsAdmins = operator().get(ADMINS);
        Response operatorReadsAudit = operator().get(AUDIT);

        assertError(adminCreates, 403, "operator_required");
        assertError(adminLists, 403, "operator_required");
        assertError(operatorListsGroups, 403, "organization_required");
        assertError(operatorListsAdmins, 403, "organization_required");
        assertError(operatorReadsAudit, 403, "organization_required");
        assertEquals(organizationsBefore, organizationCount());
        assertFalse(organizationNames().contains(name));
    }

    @Test
    void letsAReadOnlyAdminListAdminsButNotChangeThem() {
        TestOrganization org = Organizations.create(base, "viewers");
        String viewerName = "viewer-" + suffix();

        Response created = org.api().post(ADMINS, admin(viewerName, Organizations.PASSWORD, "READ_ONLY"));

        assertEquals(201, created.status(), created.toString());
        assertEquals("READ_ONLY", created.json().getString("role"));
        assertTrue(created.header("Location").endsWith("/" + ADMINS + "/" + created.id()), created.header("Location"));
        ApiClient viewer = ApiClient.as(base, viewerName, Organizations.PASSWORD);
        JsonObject before = org.api().get(ADMINS).json();
        JsonObject first = adminNamed(org.api(), org.adminUsername());
        long firstId = first.getJsonNumber("id").longValue();
        Response viewerLists = viewer.get(ADMINS);
        assertEquals(200, viewerLists.status(), viewerLists.toString());
        assertEquals(before, viewerLists.json());
        assertEquals(2, before.getInt("totalCount"));
        assertError(viewer.post(ADMINS, admin("sneaky-" + suffix(), Organizations.PASSWORD, "ADMINISTRATOR")), 403, "read_only");
        assertError(viewer.put(ADMINS + "/" + firstId, update("READ_ONLY", null, first.getJsonNumber("version").longValue())), 403, "read_only");
        assertError(viewer.put(ADMINS + "/" + created.id(), update("ADMINISTRATOR", null, created.json().getJsonNumber("version").longValue())),
                403, "read_only");
        assertError(viewer.delete(ADMINS + "/" + firstId), 403, "read_only");
        assertEquals(before, org.api().get(ADMINS).json());
    }

    @Test
    void updatesTheRoleWithTheVersionReadAndRefusesAStaleOne() {
        TestOrganization org = Organizations.create(base, "versions");
        JsonObject created = org.api().post(ADMINS, admin("promoted-" + suffix(), Organizations.PASSWORD, "READ_ONLY")).json();
        long id = created.getJsonNumber("id").longValue();
        long readVersion = created.getJsonNumber("version").longValue();

        Response first = org.api().put(ADMINS + "/" + id, update("ADMINISTRATOR", null, readVersion));
        Response second = org.api().put(ADMINS + "/" + id, update("READ_ONLY", null, readVersion));

        assertEquals(200, first.status(), first.toString());
        assertEquals("ADMINISTRATOR", first.json().getString("role"));
        assertTrue(first.json().getJsonNumber("version").longValue() > readVersion, first.toString());
        assertError(second, 409, "stale_version");
        JsonObject stored = org.api().get(ADMINS + "/" + id).json();
        assertEquals("ADMINISTRATOR", stored.getString("role"));
        assertEquals(first.json(), stored);
    }

    @Test
    void refusesAnUpdateWithoutVersionOrWithTheOperatorRole() {
        TestOrganization org = Organizations.create(base, "update-rules");
        JsonObject self = adminNamed(org.api(), org.adminUsername());
        long id = self.getJsonNumber("id").longValue();

        Response noVersion = org.api().put(ADMINS + "/" + id, "{\"role\":\"ADMINISTRATOR\"}");
        Response operatorRole = org.api().put(ADMINS + "/" + id, update("OPERATOR", null, self.getJsonNumber("version").longValue()));
        Response createOperator = org.api().post(ADMINS, admin("would-be-operator-" + suffix(), Organizations.PASSWORD, "OPERATOR"));

        assertError(noVersion, 400, "version_required");
        assertEquals("version", noVersion.json().getJsonArray("params").getString(0));
        assertError(operatorRole, 400, "role_invalid");
        assertEquals("role", operatorRole.json().getJsonArray("params").getString(0));
        assertError(createOperator, 400, "role_invalid");
        assertEquals(self, org.api().get(ADMINS + "/" + id).json());
        assertEquals(1, org.api().get(ADMINS).json().getInt("totalCount"));
    }

    @Test
    void refusesToDeleteYourselfOrLoseTheLastAdministrator() {
        TestOrganization org = Organizations.create(base, "last-admin");
        String secondName = "second-" + suffix();
        long secondId = org.api().post(ADMINS, admin(secondName, Organizations.PASSWORD, "ADMINISTRATOR")).id();
        ApiClient second = ApiClient.as(base, secondName, Organizations.PASSWORD);
        JsonObject first = adminNamed(org.api(), org.adminUsername());
        long firstId = first.getJsonNumber("id").longValue();

        assertError(org.api().delete(ADMINS + "/" + firstId), 409, "cannot_delete_self");
        Response demoted = second.put(ADMINS + "/" + firstId, update("READ_ONLY", null, first.getJsonNumber("version").longValue()));
        assertEquals(200, demoted.status(), demoted.toString());
        JsonObject lastOne = second.get(ADMINS + "/" + secondId).json();
        Response selfDemotion = second.put(ADMINS + "/" + secondId, update("READ_ONLY", null, lastOne.getJsonNumber("version").longValue()));
        assertError(selfDemotion, 409, "last_administrator");
        assertError(org.api().delete(ADMINS + "/" + secondId), 403, "read_only");
        assertEquals(204, second.delete(ADMINS + "/" + firstId).status());
        assertError(second.get(ADMINS + "/" + firstId), 404, "not_found");
        assertError(org.api().get(ADMINS), 401, "invalid_credentials");
        assertError(second.delete(ADMINS + "/" + secondId), 409, "cannot_delete_self");

        JsonObject remaining = second.get(ADMINS).json();
        assertEquals(1, remaining.getInt("totalCount"));
        assertEquals(lastOne, remaining.getJsonArray("list").getJsonObject(0));
    }

    @Test
    void makesAChangedPasswordTheOnlyOneThatWorks() {
        TestOrganization org = Organizations.create(base, "password");
        String newPassword = "new-password-" + suffix();
        JsonObject self = adminNamed(org.api(), org.adminUsername());

        Response changed = org.api().put(ADMINS + "/" + self.getJsonNumber("id").longValue(),
                update("ADMINISTRATOR", newPassword, self.getJsonNumber("version").longValue()));

        assertEquals(200, changed.status(), changed.toString());
        assertError(org.api().get(ADMINS), 401, "invalid_credentials");
        Response withNewPassword = ApiClient.as(base, org.adminUsername(), newPassword).get(ADMINS);
        assertEquals(200, withNewPassword.status(), withNewPassword.toString());
        assertEquals("ADMINISTRATOR", withNewPassword.list().getJsonObject(0).getString("role"));
    }

    @Test
    void keepsEachOrganisationsAdminsInvisibleToTheOtherInBothDirections() {
        TestOrganization a = Organizations.create(base, "tenant-a");
        TestOrganization b = Organizations.create(base, "tenant-b");
        JsonObject adminsOfA = a.api().get(ADMINS).json();
        JsonObject adminsOfB = b.api().get(ADMINS).json();

        for (var pair : List.of(new Object[] {b, a, adminsOfA}, new Object[] {a, b, adminsOfB})) {
            TestOrganization intruder = (TestOrganization) pair[0];
            TestOrganization owner = (TestOrganization) pair[1];
            JsonObject ownersAdmins = (JsonObject) pair[2];
            JsonObject victim = ownersAdmins.getJsonArray("list").getJsonObject(0);
            long foreignId = victim.getJsonNumber("id").longValue();
            assertError(intruder.api().get(ADMINS + "/" + foreignId), 404, "not_found");
            assertError(intruder.api().put(ADMINS + "/" + foreignId, update("READ_ONLY", "stolen-password-123", victim.getJsonNumber("version").longValue())),
                    404, "not_found");
            assertError(intruder.api().delete(ADMINS + "/" + foreignId), 404, "not_found");
            JsonObject intrudersList = intruder.api().get(ADMINS).json();
            assertEquals(1, intrudersList.getInt("totalCount"));
            assertEquals(intruder.adminUsername(), intrudersList.getJsonArray("list").getJsonObject(0).getString("username"));
            assertEquals(ownersAdmins, owner.api().get(ADMINS).json());
        }
    }

    @Test
    void auditsAFailedSignInWithoutThePasswordAndAnswersUnknownUsersAlike() throws SQLException {
        TestOrganization org = Organizations.create(base, "sign-in");
        String wrongPassword = "wrong-password-" + suffix();

        Response wrong = ApiClient.as(base, org.adminUsername(), wrongPassword).get(GROUPS);
        String unknownName = "nobody-" + suffix();
        Response unknown = ApiClient.as(base, unknownName, wrongPassword).get(GROUPS);

        assertError(wrong, 401, "invalid_credentials");
        assertEquals(wrong.status(), unknown.status());
        assertEquals(wrong.body(), unknown.body());
        assertEquals(wrong.header("WWW-Authenticate"), unknown.header("WWW-Authenticate"));
        Response events = org.api().get(AUDIT + "?action=sign_in");
        assertEquals(200, events.status(), events.toString());
        assertEquals(1, events.json().getInt("totalCount"), events.toString());
        JsonObject failure = events.list().getJsonObject(0);
        assertEquals("FAILURE", failure.getString("outcome"));
        assertEquals(org.adminUsername(), failure.getString("actorName"));
        assertEquals("bad_credentials", failure.getString("reason"));
        assertTrue(failure.getString("details").contains("API_BASIC"), failure.toString());
        assertFalse(org.api().get(AUDIT + "?pageSize=500").body().contains(wrongPassword));
        assertEquals(0, auditRowsMentioning(wrongPassword));
        assertEquals(0, auditRowsMentioning(unknownName), "an unknown name may be a mistyped password: it is not recorded");
    }

    @Test
    void neverShowsPasswordsOrHashesAndStoresOnlyPbkdf2Hashes() throws SQLException {
        String suffix = suffix();
        String firstName = "keeper-" + suffix;
        String firstPassword = "first-secret-" + suffix;
        String viewerName = "reader-" + suffix;
        String viewerPassword = "viewer-secret-" + suffix;
        String changedPassword = "changed-secret-" + suffix;
        assertEquals(201, operator().post(ORGANIZATIONS, organization("secrets-" + suffix, firstName, firstPassword)).status());
        ApiClient first = ApiClient.as(base, firstName, firstPassword);
        JsonObject viewer = first.post(ADMINS, admin(viewerName, viewerPassword, "READ_ONLY")).json();
        assertEquals(200, first.put(ADMINS + "/" + viewer.getJsonNumber("id").longValue(),
                update("READ_ONLY", changedPassword, viewer.getJsonNumber("version").longValue())).status());

        Response admins = first.get(ADMINS);
        Response organizations = operator().get(ORGANIZATIONS + "?pageSize=500");
        Response audit = first.get(AUDIT + "?pageSize=500");

        for (Response listed : List.of(admins, organizations, audit)) {
            assertEquals(200, listed.status(), listed.toString());
            String body = listed.body();
            for (String forbidden : List.of(firstPassword, viewerPassword, changedPassword, "pbkdf2", "password_hash", "passwordHash")) {
                assertFalse(body.toLowerCase().contains(forbidden.toLowerCase()), forbidden + " in " + body);
            }
        }
        admins.list().getValuesAs(JsonObject.class).forEach(a ->
                assertEquals(Set.of("id", "username", "role", "createdAt", "modifiedAt", "version"), a.keySet()));
        organizations.list().getValuesAs(JsonObject.class).forEach(o ->
                assertEquals(Set.of("id", "name", "adminCount", "createdAt"), o.keySet()));
        assertStoredAsPbkdf2(firstName, firstPassword);
        assertStoredAsPbkdf2(viewerName, changedPassword);
        assertFalse(storedHash(viewerName).contains(viewerPassword));
    }

    private ApiClient operator() {
        return ApiClient.as(base, ApiClient.OPERATOR, ApiClient.OPERATOR_PASSWORD);
    }

    private JsonObject operatorsOrganizations() {
        Response organizations = operator().get(ORGANIZATIONS + "?pageSize=500");
        assertEquals(200, organizations.status(), organizations.toString());
        return organizations.json();
    }

    private long organizationCount() {
        return operatorsOrganizations().getJsonNumber("totalCount").longValue();
    }

    private List<String> organizationNames() {
        return operatorsOrganizations().getJsonArray("list").getValuesAs(JsonObject.class).stream().map(o -> o.getString("name")).toList();
    }

    @Test
    void neverLetsTwoAdministratorsDemoteEachOtherAtOnce() throws Exception {
        TestOrganization org = Organizations.create(base, "race");
        String second = "second-" + org.name();
        assertEquals(201, org.api().post(ADMINS, admin(second, Organizations.PASSWORD, "ADMINISTRATOR")).status());
        ApiClient secondApi = ApiClient.as(base, second, Organizations.PASSWORD);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                JsonObject first = adminNamed(org.api(), org.adminUsername());
                JsonObject other = adminNamed(secondApi, second);
                CountDownLatch start = new CountDownLatch(1);
                Future<Response> firstDemotesSecond = pool.submit(() -> {
                    start.await();
                    return org.api().put(ADMINS + "/" + other.getJsonNumber("id").longValue(),
                            update("READ_ONLY", null, other.getJsonNumber("version").longValue()));
                });
                Future<Response> secondDemotesFirst = pool.submit(() -> {
                    start.await();
                    return secondApi.put(ADMINS + "/" + first.getJsonNumber("id").longValue(),
                            update("READ_ONLY", null, first.getJsonNumber("version").longValue()));
                });
                start.countDown();
                Response one = firstDemotesSecond.get(60, TimeUnit.SECONDS);
                Response two = secondDemotesFirst.get(60, TimeUnit.SECONDS);

                List<Integer> statuses = List.of(one.status(), two.status());
                // the loser is refused as the last administrator, or as already read-only if it started later
                assertEquals(1, statuses.stream().filter(status -> status == 200).count(), "round " + round + ": " + statuses);
                assertTrue(statuses.contains(409) || statuses.contains(403), "round " + round + ": " + statuses);
                String demoted = one.status() == 200 ? other.getString("username") : first.getString("username");
                ApiClient winner = one.status() == 200 ? org.api() : secondApi;
                JsonObject loser = adminNamed(winner, demoted);
                assertEquals(200, winner.put(ADMINS + "/" + loser.getJsonNumber("id").longValue(),
                        update("ADMINISTRATOR", null, loser.getJsonNumber("version").longValue())).status());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static JsonObject adminNamed(ApiClient api, String username) {
        return api.get(ADMINS + "?pageSize=500").list().getValuesAs(JsonObject.class).stream()
                .filter(a -> a.getString("username").equals(username)).findFirst().orElseThrow();
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static int accountsNamed(String username) throws SQLException {
        return count("SELECT COUNT(*) FROM admin_account WHERE LOWER(username) = LOWER(?)", username);
    }

    private static int auditRowsMentioning(String text) throws SQLException {
        return count("SELECT COUNT(*) FROM audit_event WHERE POSITION(? IN CONCAT_WS(' ', actor_name, resource_name, reason, details)) > 0", text);
    }

    private static int count(String sql, String parameter) throws SQLException {
        try (Connection db = TestDatabase.connect(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private static String storedHash(String username) throws SQLException {
        try (Connection db = TestDatabase.connect();
             PreparedStatement query = db.prepareStatement("SELECT password_hash FROM admin_account WHERE username = ?")) {
            query.setString(1, username);
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next(), username);
                return row.getString(1);
            }
        }
    }

    private static void assertStoredAsPbkdf2(String username, String password) throws SQLException {
        String hash = storedHash(username);
        assertTrue(hash.startsWith("pbkdf2-sha256$600000$"), hash);
        assertEquals(4, hash.split("\\$").length, hash);
        assertFalse(hash.contains(password), hash);
    }

    private static String organization(String name, String adminUsername, String adminPassword) {
        return Json.createObjectBuilder().add("name", name).add("adminUsername", adminUsername).add("adminPassword", adminPassword)
                .build().toString();
    }

    private static String admin(String username, String password, String role) {
        return Json.createObjectBuilder().add("username", username).add("password", password).add("role", role).build().toString();
    }

    private static String update(String role, String newPassword, long version) {
        var body = Json.createObjectBuilder().add("role", role).add("version", version);
        if (newPassword != null) {
            body.add("newPassword", newPassword);
        }
        return body.build().toString();
    }
}
