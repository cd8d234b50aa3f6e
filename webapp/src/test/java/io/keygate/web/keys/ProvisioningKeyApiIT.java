package io.keygate.web.keys;

import static io.keygate.web.support.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.web.support.ApiClient;
import io.keygate.web.support.Deployments;
import io.keygate.web.support.KeySetup;
import io.keygate.web.support.Organizations;
import io.keygate.web.support.Organizations.TestOrganization;
import io.keygate.web.support.Response;
import io.keygate.web.support.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The provisioning-key REST contract: the value once, storage without secrets, the edit and delete rules. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ProvisioningKeyApiIT {

    private static final String KEYS = "api/v1/provisioning-keys";
    private static final Pattern VALUE = Pattern.compile("1\\|([^|]+)\\|mpk_([0-9A-Za-z]{16})_([0-9A-Za-z]{43})([0-9A-Za-z]{6})");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.keygateWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void showsTheValueOnceAtCreationAndThenOnlyMasked() {
        Setup setup = Setup.of(base, "created");

        Response exportable = setup.org.api().post(KEYS, setup.key("laptops").build().toString());
        Response sealed = setup.org.api().post(KEYS, setup.key("servers").add("exportable", false).build().toString());

        assertEquals(201, exportable.status(), exportable.toString());
        assertTrue(exportable.header("Cache-Control").contains("no-store"), exportable.header("Cache-Control"));
        Matcher value = VALUE.matcher(exportable.json().getString("provisioningKey"));
        assertTrue(value.matches(), exportable.json().getString("provisioningKey"));
        assertEquals(exportable.json().getString("keyId"), value.group(2));
        assertTrue(exportable.header("Location").endsWith("/" + KEYS + "/" + exportable.id()));
        JsonObject read = setup.org.api().get(KEYS + "/" + exportable.id()).json();
        assertFalse(read.containsKey("provisioningKey"));
        assertEquals("mpk_" + value.group(2) + "_••••", read.getString("maskedValue"));
        assertEquals(setup.groupId, read.getJsonNumber("machineGroupId").longValue());
        assertTrue(read.getBoolean("enabled"));
        assertFalse(read.getBoolean("allowReEnrollment"));
        assertEquals(201, sealed.status());
        assertTrue(VALUE.matcher(sealed.json().getString("provisioningKey")).matches());
        assertTrue(setup.org.api().get(KEYS + "/" + sealed.id()).json().isNull("maskedValue"));
        String list = setup.org.api().get(KEYS).body();
        assertFalse(list.contains(value.group(3)));
        assertFalse(list.contains(VALUE.matcher(sealed.json().getString("provisioningKey")).replaceAll("$3")));
    }

    @Test
    void revealsAndDownloadsOnlyExportableKeysAndAuditsEachTime() {
        Setup setup = Setup.of(base, "reveal");
        Response exportable = setup.org.api().post(KEYS, setup.key("kiosks").build().toString());
        long sealedId = setup.org.api().post(KEYS, setup.key("sealed").add("exportable", false).build().toString()).id();
        String value = exportable.json().getString("provisioningKey");

        Response revealed = setup.org.api().post(KEYS + "/" + exportable.id() + "/reveal", "");
        Response downloaded = setup.org.api().download(KEYS + "/" + exportable.id() + "/download");

        assertEquals(200, revealed.status(), revealed.toString());
        assertEquals(value, revealed.json().getString("provisioningKey"));
        assertTrue(revealed.header("Cache-Control").contains("no-store"));
        assertEquals(200, downloaded.status(), downloaded.toString());
        assertEquals(value + "\n", downloaded.body());
        assertEquals("attachment; filename=\"kiosks.txt\"", downloaded.header("Content-Disposition"));
        assertTrue(downloaded.header("Content-Type").startsWith("text/plain"));
        assertTrue(downloaded.header("Cache-Control").contains("no-store"));
        assertError(setup.org.api().post(KEYS + "/" + sealedId + "/reveal", ""), 409, "key.not.exportable");
        assertError(setup.org.api().download(KEYS + "/" + sealedId + "/download"), 409, "key.not.exportable");
        for (String action : List.of("create", "reveal", "download")) {
            assertTrue(setup.org.api().get("api/v1/audit-events?action=provisioning_key." + action).json().getInt("totalCount") >= 1, action);
        }
    }

    @Test
    void keepsNoSecretInADumpOfTheDatabase() throws Exception {
        Setup setup = Setup.of(base, "at-rest");
        List<String> secrets = new ArrayList<>();
        List<String> keyIds = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Response created = setup.org.api().post(KEYS, setup.key("key-" + i).add("exportable", i % 2 == 0).build().toString());
            assertEquals(201, created.status(), created.toString());
            Matcher value = VALUE.matcher(created.json().getString("provisioningKey"));
            assertTrue(value.matches());
            secrets.add(value.group(3));
            keyIds.add(value.group(2));
        }
        long revealed = setup.org.api().get(KEYS + "?name=key-0").list().getJsonObject(0).getJsonNumber("id").longValue();
        setup.org.api().post(KEYS + "/" + revealed + "/reveal", "");
        setup.org.api().post(KEYS + "/" + revealed + "/rotate", "{}");

        String dump = TestDatabase.dump();

        assertTrue(dump.contains("COPY public.provisioning_key"), "pg_dump wrote the keys table");
        assertTrue(keyIds.stream().allMatch(dump::contains), "the dump holds every key's row");
        for (String secret : secrets) {
            byte[] bytes = secret.getBytes(StandardCharsets.US_ASCII);
            assertFalse(dump.contains(secret), "raw secret in the database");
            assertFalse(dump.contains(HexFormat.of().formatHex(bytes)), "hex secret in the database");
            assertFalse(dump.contains(Base64.getEncoder().encodeToString(bytes)), "Base64 secret in the database");
        }
    }

    @Test
    void rotatesToANewKeyWithTheSameSettingsAndRetiresTheOldOne() throws Exception {
        Setup setup = Setup.of(base, "rotate");
        String expiry = Instant.now().plusSeconds(86_400).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        JsonObject first = setup.org.api().post(KEYS, setup.key("rotating").add("exportable", false).add("maxUsage", 7)
                .add("expiresAt", expiry).add("allowReEnrollment", true).add("ipAllowList", cidrs("203.0.113.0/24")).build().toString()).json();
        long firstId = first.getJsonNumber("id").longValue();

        Response rotated = setup.org.api().post(KEYS + "/" + firstId + "/rotate", "");

        assertEquals(201, rotated.status(), rotated.toString());
        assertTrue(rotated.header("Cache-Control").contains("no-store"));
        assertTrue(rotated.header("Location").endsWith("/" + KEYS + "/" + rotated.id()), rotated.header("Location"));
        JsonObject second = rotated.json();
        Matcher value = VALUE.matcher(second.getString("provisioningKey"));
        assertTrue(value.matches(), "the new value, this once");
        assertEquals(second.getString("keyId"), value.group(2));
        assertNotEquals(first.getString("keyId"), second.getString("keyId"));
        assertEquals("rotating-2", second.getString("name"));
        for (String same : List.of("description", "machineGroupId", "signingCertificateId", "exportable", "allowReEnrollment", "maxUsage",
                "expiresAt", "ipAllowList")) {
            assertEquals(first.get(same), second.get(same), same);
        }
        assertTrue(second.getBoolean("enabled"));
        assertEquals(0, second.getInt("usageCount"));
        assertEquals(firstId, second.getJsonNumber("rotatedFromId").longValue());
        JsonObject old = setup.org.api().get(KEYS + "/" + firstId).json();
        assertFalse(old.getBoolean("enabled"), "without a deadline the old key stops at once");
        assertEquals(rotated.id(), old.getJsonNumber("replacedById").longValue());
        assertError(setup.org.api().post(KEYS + "/" + firstId + "/rotate", "{}"), 409, "key.already.rotated");

        Instant deadline = Instant.now().plusSeconds(3);
        Response third = setup.org.api().post(KEYS + "/" + rotated.id() + "/rotate",
                "{\"name\":\"rotating-final\",\"keepOldValidUntil\":\"" + deadline + "\"}");

        assertEquals(201, third.status(), third.toString());
        assertEquals("rotating-final", third.json().getString("name"));
        JsonObject retiring = setup.org.api().get(KEYS + "/" + rotated.id()).json();
        assertTrue(retiring.getBoolean("enabled"), "the old key works until its deadline");
        assertEquals(deadline.truncatedTo(java.time.temporal.ChronoUnit.MICROS), Instant.parse(retiring.getString("retiresAt")));
        JsonObject retired = awaitRetirement(setup, rotated.id());
        assertFalse(retired.getBoolean("enabled"));
        assertTrue(retired.getInt("version") > retiring.getInt("version"), "the timer disabled the row itself");
        assertEquals(2, setup.org.api().get("api/v1/audit-events?action=provisioning_key.rotate").json().getInt("totalCount"));
        assertEquals(3, setup.org.api().get(KEYS).json().getInt("totalCount"), "rotated keys stay listed");
    }

    /** Polls until the retirement timer (every second in tests) has disabled the key and audited it; fails after 60 s. */
    private JsonObject awaitRetirement(Setup setup, long id) throws InterruptedException {
        for (int attempt = 0; attempt < 120; attempt++) {
            JsonObject audited = setup.org.api().get("api/v1/audit-events?action=provisioning_key.retire").json();
            if (audited.getInt("totalCount") == 1) {
                assertEquals(String.valueOf(id), audited.getJsonArray("list").getJsonObject(0).getString("resourceId"));
                assertEquals("system", audited.getJsonArray("list").getJsonObject(0).getString("actorName"));
                return setup.org.api().get(KEYS + "/" + id).json();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the rotated key was not retired within 60 s");
    }

    @Test
    void refusesRotationsThatCannotBeDoneAndWritesNothing() {
        Setup setup = Setup.of(base, "rotate-bad");
        long id = setup.org.api().post(KEYS, setup.key("stays").add("expiresAt", Instant.now().plusSeconds(3_600).toString()).build().toString()).id();
        setup.org.api().post(KEYS, setup.key("taken").build().toString());
        JsonObject before = setup.org.api().get(KEYS + "/" + id).json();

        assertError(setup.org.api().post(KEYS + "/" + id + "/rotate", "{\"keepOldValidUntil\":\"2020-01-01T00:00:00Z\"}"), 400,
                "keepOldValidUntil_in_past");
        assertError(setup.org.api().post(KEYS + "/" + id + "/rotate",
                "{\"keepOldValidUntil\":\"" + Instant.now().plusSeconds(7_200) + "\"}"), 400, "deadline_after_expiry");
        assertError(setup.org.api().post(KEYS + "/" + id + "/rotate", "{\"name\":\"TAKEN\"}"), 409, "duplicate_name");
        assertError(setup.org.api().post(KEYS + "/" + id + "/rotate", "{\"name\":\"no spaces\"}"), 400, "name_invalid");
        assertError(setup.org.api().post(KEYS + "/" + id + "/rotate", "{\"keepOldValidUntil\":\"tomorrow\"}"), 400, "malformed_json");

        assertEquals(before, setup.org.api().get(KEYS + "/" + id).json());
        assertEquals(2, setup.org.api().get(KEYS).json().getInt("totalCount"));
        assertEquals(0, setup.org.api().get("api/v1/audit-events?action=provisioning_key.rotate").json().getInt("totalCount"));
    }

    @Test
    void keepsAMachineGroupWhileLiveKeysEnrollIntoIt() {
        Setup setup = Setup.of(base, "group-in-use");
        long id = setup.org.api().post(KEYS, setup.key("member").build().toString()).id();

        assertError(setup.org.api().delete("api/v1/machine-groups/" + setup.groupId), 409, "group_in_use");
        assertEquals(200, setup.org.api().get("api/v1/machine-groups/" + setup.groupId).status());
        assertEquals(204, setup.org.api().delete(KEYS + "/" + id).status());
        assertEquals(204, setup.org.api().delete("api/v1/machine-groups/" + setup.groupId).status(), "a deleted key no longer holds the group");
    }

    @Test
    void keepsSecretsOutOfTheServerLog() throws Exception {
        Setup setup = Setup.of(base, "log");
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Response created = setup.org.api().post(KEYS, setup.key("logged-" + i).add("exportable", i % 2 == 0).build().toString());
            Matcher value = VALUE.matcher(created.json().getString("provisioningKey"));
            assertTrue(value.matches());
            secrets.add(value.group(3));
            if (i % 2 == 0) {
                setup.org.api().post(KEYS + "/" + created.id() + "/reveal", "");
                setup.org.api().download(KEYS + "/" + created.id() + "/download");
            }
        }
        setup.org.api().post(KEYS, "{\"name\":\"broken\",\"machineGroupId\":\"" + secrets.get(0) + "\"}");

        String log = io.keygate.web.support.ServerLog.readThrough(base);

        assertTrue(log.contains("ROOT was successfully deployed"), "this is the running server's log (the WAR runs at the root context)");
        for (String secret : secrets) {
            assertFalse(log.contains(secret), "a key secret reached the server log");
        }
    }

    @Test
    void refusesBadFieldsNamingThemAndWritesNothing() {
        Setup setup = Setup.of(base, "invalid");
        Setup other = Setup.of(base, "invalid-other");

        assertError(setup.org.api().post(KEYS, setup.key("bad name").build().toString()), 400, "name_invalid");
        assertError(setup.org.api().post(KEYS, setup.key("no-group").remove("machineGroupId").build().toString()), 400, "machine_group_required");
        assertError(setup.org.api().post(KEYS, setup.key("foreign-group").add("machineGroupId", other.groupId).build().toString()), 400, "machine_group_unknown");
        assertError(setup.org.api().post(KEYS, setup.key("foreign-ca").add("signingCertificateId", other.certificateId).build().toString()), 400, "signing_certificate_unknown");
        assertError(setup.org.api().post(KEYS, setup.key("bad-cidr").add("ipAllowList", cidrs("198.51.100.0/24", "300.1.1.1")).build().toString()), 400, "ip_allow_list_invalid");
        assertError(setup.org.api().post(KEYS, setup.key("expired").add("expiresAt", "2020-01-01T00:00:00Z").build().toString()), 400, "expiry_in_past");
        assertError(setup.org.api().post(KEYS, setup.key("zero").add("maxUsage", 0).build().toString()), 400, "max_usage_invalid");
        assertEquals(0, setup.org.api().get(KEYS).json().getInt("totalCount"));
        Response good = setup.org.api().post(KEYS, setup.key("good").add("maxUsage", 5).add("expiresAt", Instant.now().plusSeconds(86_400).toString())
                .add("ipAllowList", cidrs("203.0.113.0/24", "2001:db8::/32")).add("allowReEnrollment", true).build().toString());
        assertEquals(201, good.status(), good.toString());
        assertEquals(List.of("203.0.113.0/24", "2001:db8::/32"), good.json().getJsonArray("ipAllowList").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList());
        assertError(setup.org.api().post(KEYS, setup.key("GOOD").build().toString()), 409, "duplicate_name");
    }

    @Test
    void editsWithTheVersionReadAndTurnsExportOffButNeverOn() throws SQLException {
        Setup setup = Setup.of(base, "edit");
        JsonObject key = setup.org.api().post(KEYS, setup.key("editable").build().toString()).json();
        long id = key.getJsonNumber("id").longValue();

        Response off = setup.org.api().put(KEYS + "/" + id, update(key, "editable-2", false, key.getInt("version")));
        Response stale = setup.org.api().put(KEYS + "/" + id, update(key, "editable-3", false, key.getInt("version")));
        Response on = setup.org.api().put(KEYS + "/" + id, update(key, "editable-2", true, off.json().getInt("version")));

        assertEquals(200, off.status(), off.toString());
        assertFalse(off.json().getBoolean("exportable"));
        assertError(stale, 409, "stale_version");
        assertError(on, 409, "key.not.exportable");
        assertError(setup.org.api().post(KEYS + "/" + id + "/reveal", ""), 409, "key.not.exportable");
        try (Connection db = TestDatabase.connect();
             PreparedStatement row = db.prepareStatement("SELECT secret_ciphertext IS NULL, name FROM provisioning_key WHERE id = ?")) {
            row.setLong(1, id);
            try (ResultSet result = row.executeQuery()) {
                assertTrue(result.next());
                assertTrue(result.getBoolean(1), "turning export off drops the sealed copy");
                assertEquals("editable-2", result.getString(2));
            }
        }
    }

    @Test
    void deletesToATombstoneAndKeepsACertificateInUse() throws SQLException {
        Setup setup = Setup.of(base, "delete");
        long id = setup.org.api().post(KEYS, setup.key("short-lived").build().toString()).id();

        assertError(setup.org.api().delete("api/v1/signing-certificates/" + setup.certificateId), 409, "certificate_in_use");
        assertEquals(1, setup.org.api().get("api/v1/signing-certificates/" + setup.certificateId).json().getInt("keyCount"));
        assertEquals(204, setup.org.api().delete(KEYS + "/" + id).status());

        assertError(setup.org.api().get(KEYS + "/" + id), 404, "not_found");
        assertError(setup.org.api().post(KEYS + "/" + id + "/reveal", ""), 404, "not_found");
        assertEquals(0, setup.org.api().get(KEYS).json().getInt("totalCount"));
        assertEquals(0, setup.org.api().get("api/v1/signing-certificates/" + setup.certificateId).json().getInt("keyCount"));
        assertEquals(201, setup.org.api().post(KEYS, setup.key("short-lived").build().toString()).status(), "the name is free again");
        try (Connection db = TestDatabase.connect();
             PreparedStatement row = db.prepareStatement("SELECT deleted_at IS NOT NULL, enabled, secret_ciphertext IS NULL FROM provisioning_key WHERE id = ?")) {
            row.setLong(1, id);
            try (ResultSet result = row.executeQuery()) {
                assertTrue(result.next(), "the record stays for audit and traceability");
                assertTrue(result.getBoolean(1));
                assertFalse(result.getBoolean(2));
                assertTrue(result.getBoolean(3));
            }
        }
    }

    @Test
    void givesReadOnlyAdminsAndOtherOrganisationsNoValueAndNoChange() {
        Setup setup = Setup.of(base, "guarded");
        Setup other = Setup.of(base, "guarded-other");
        long id = setup.org.api().post(KEYS, setup.key("guarded").build().toString()).id();
        JsonObject key = setup.org.api().get(KEYS + "/" + id).json();
        String viewer = "viewer-" + setup.org.name();
        assertEquals(201, setup.org.api().post("api/v1/admins", "{\"username\":\"" + viewer + "\",\"password\":\"" + Organizations.PASSWORD
                + "\",\"role\":\"READ_ONLY\"}").status());
        ApiClient readOnly = ApiClient.as(base, viewer, Organizations.PASSWORD);

        assertEquals(200, readOnly.get(KEYS + "/" + id).status());
        assertError(readOnly.post(KEYS + "/" + id + "/reveal", ""), 403, "read_only");
        assertError(readOnly.download(KEYS + "/" + id + "/download"), 403, "read_only");
        assertError(readOnly.post(KEYS, setup.key("ro").build().toString()), 403, "read_only");
        assertError(readOnly.put(KEYS + "/" + id, update(key, "renamed", true, key.getInt("version"))), 403, "read_only");
        assertError(readOnly.delete(KEYS + "/" + id), 403, "read_only");
        assertError(readOnly.post(KEYS + "/" + id + "/rotate", "{}"), 403, "read_only");
        assertError(other.org.api().get(KEYS + "/" + id), 404, "not_found");
        assertError(other.org.api().post(KEYS + "/" + id + "/reveal", ""), 404, "not_found");
        assertError(other.org.api().download(KEYS + "/" + id + "/download"), 404, "not_found");
        assertError(other.org.api().put(KEYS + "/" + id, update(key, "stolen", true, key.getInt("version"))), 404, "not_found");
        assertError(other.org.api().delete(KEYS + "/" + id), 404, "not_found");
        assertError(other.org.api().post(KEYS + "/" + id + "/rotate", "{}"), 404, "not_found");
        assertEquals(key, setup.org.api().get(KEYS + "/" + id).json());
        assertNotEquals(0, setup.org.api().get(KEYS).json().getInt("totalCount"));
    }

    @Test
    void filtersAndSortsLikeAReferenceComputedHere() throws SQLException {
        Setup setup = Setup.of(base, "filters");
        long secondGroup = setup.org.api().post("api/v1/machine-groups", "{\"name\":\"second-filters\",\"enabled\":true}").id();
        long rootCertificate = setup.org.api().get("api/v1/signing-certificates?name=Root").list().getJsonObject(0).getJsonNumber("id").longValue();
        String colleague = "colleague-" + setup.org.name();
        assertEquals(201, setup.org.api().post("api/v1/admins", "{\"username\":\"" + colleague + "\",\"password\":\"" + Organizations.PASSWORD
                + "\",\"role\":\"ADMINISTRATOR\"}").status());
        ApiClient other = ApiClient.as(base, colleague, Organizations.PASSWORD);
        java.util.Random random = new java.util.Random(20261126);
        List<Integer> numbers = new ArrayList<>(java.util.stream.IntStream.range(0, 520).boxed().toList());
        java.util.Collections.shuffle(numbers, random);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i++) {
            String name = (i % 3 == 0 ? "K" : "k") + String.format("%04d", numbers.get(i));
            JsonObjectBuilder key = setup.key(name).add("description", i % 5 == 0 ? "blue fleet " + i : "plain " + i)
                    .add("machineGroupId", i % 2 == 0 ? setup.groupId : secondGroup)
                    .add("signingCertificateId", i % 7 == 0 ? rootCertificate : setup.certificateId)
                    .add("exportable", i % 4 != 0).add("allowReEnrollment", i % 6 == 0).add("enabled", i % 9 != 0);
            if (i % 3 != 0) {
                key.add("expiresAt", Instant.now().plus(java.time.Duration.ofDays(1 + random.nextInt(400))).toString());
            }
            Response created = (i % 8 == 0 ? other : setup.org.api()).post(KEYS, key.build().toString());
            assertEquals(201, created.status(), created.toString());
            ids.add(created.id());
        }
        try (Connection db = TestDatabase.connect();
             PreparedStatement usage = db.prepareStatement("UPDATE provisioning_key SET max_usage = ?, usage_count = ?, created_at = ?, "
                     + "last_used_at = ?, retires_at = ? WHERE id = ?")) {
            // what enrollment will change, spread by hand over the creation order: unused, in use and exhausted keys,
            // creation times, last uses, and a rotation deadline that has passed
            for (int i = 0; i < ids.size(); i++) {
                int state = (i / 6) % 3;
                Integer max = state == 2 ? Integer.valueOf(3) : i % 5 == 0 ? null : Integer.valueOf(5);
                usage.setObject(1, max);
                usage.setInt(2, state == 0 ? 0 : state == 1 ? 1 + i % 3 : 3);
                usage.setObject(3, java.time.OffsetDateTime.parse("2026-01-01T00:00:00Z").plusDays((i * 37L) % 97));
                usage.setObject(4, state == 0 ? null : java.time.OffsetDateTime.parse("2026-06-01T00:00:00Z").plusHours((i * 11L) % 13));
                usage.setObject(5, i % 11 == 5 ? java.time.OffsetDateTime.now().minusHours(1) : null);
                usage.setLong(6, ids.get(i));
                usage.addBatch();
            }
            usage.executeBatch();
        }
        for (int i = 1; i <= 3; i++) {
            assertEquals(204, setup.org.api().delete(KEYS + "/" + ids.get(i)).status());
        }
        List<KeyRow> all = KeyRow.all(setup.org.id());
        assertEquals(517, all.size(), "deleted keys are not listed");
        Instant expiryPivot = Instant.now().plus(java.time.Duration.ofDays(200));
        Instant createdPivot = Instant.parse("2026-02-15T00:00:00Z");

        // unfiltered pages past the middle are read from the end in reverse order: every sort, nulls included
        assertSameKeys(setup, "", "name", all, k -> true, KeyRow.BY_NAME);
        assertSameKeys(setup, "", "-expiresAt", all, k -> true, KeyRow.BY_EXPIRY.reversed());
        assertSameKeys(setup, "", "lastUsedAt", all, k -> true, KeyRow.BY_LAST_USED);
        assertSameKeys(setup, "name=K00", "-createdAt", all, k -> k.name.toLowerCase().contains("k00"), KeyRow.BY_CREATED.reversed());
        assertSameKeys(setup, "search=BLUE", "name", all, k -> k.description.contains("blue"), KeyRow.BY_NAME);
        assertSameKeys(setup, "machineGroupId=" + secondGroup + "&enabled=true", "expiresAt", all,
                k -> k.groupId == secondGroup && k.working(), KeyRow.BY_EXPIRY);
        assertSameKeys(setup, "enabled=false", "-expiresAt", all, k -> !k.working(), KeyRow.BY_EXPIRY.reversed());
        assertSameKeys(setup, "signingCertificateId=" + rootCertificate + "&signingCertificateId=" + setup.certificateId + "&exportable=false",
                "-usageCount", all, k -> !k.exportable, KeyRow.BY_USAGE.reversed());
        assertSameKeys(setup, "allowReEnrollment=true&usage=exhausted&usage=unused", "name", all,
                k -> k.allowReEnrollment && (k.usage == 0 || k.max != null && k.usage >= k.max), KeyRow.BY_NAME);
        assertSameKeys(setup, "usage=in_use", "-lastUsedAt", all, k -> k.usage > 0 && (k.max == null || k.usage < k.max),
                KeyRow.BY_LAST_USED.reversed());
        assertSameKeys(setup, "expiresBefore=" + expiryPivot, "expiresAt", all, k -> k.expires != null && k.expires.isBefore(expiryPivot),
                KeyRow.BY_EXPIRY);
        assertSameKeys(setup, "expiresAfter=" + expiryPivot, "expiresAt", all, k -> k.expires == null || k.expires.isAfter(expiryPivot),
                KeyRow.BY_EXPIRY);
        assertSameKeys(setup, "createdBy=" + colleague.toUpperCase() + "&createdFrom=2026-01-10&createdTo=" + createdPivot, "createdAt", all,
                k -> k.createdBy.equals(colleague) && !k.created.isBefore(Instant.parse("2026-01-10T00:00:00Z")) && k.created.isBefore(createdPivot),
                KeyRow.BY_CREATED);
        assertSameKeys(setup, "machineGroupId=" + setup.groupId + "&usage=in_use&search=FLEET", "-name", all,
                k -> k.groupId == setup.groupId && k.usage > 0 && (k.max == null || k.usage < k.max)
                        && (k.name.toLowerCase().contains("fleet") || k.description.contains("fleet")), KeyRow.BY_NAME.reversed());

        assertError(setup.org.api().get(KEYS + "?colour=blue"), 400, "filter_unknown");
        assertError(setup.org.api().get(KEYS + "?usage=sometimes"), 400, "choice_invalid");
        assertError(setup.org.api().get(KEYS + "?machineGroupId=first"), 400, "id_invalid");
        assertError(setup.org.api().get(KEYS + "?expiresBefore=soon"), 400, "instant_invalid");
        assertError(setup.org.api().get(KEYS + "?createdFrom=2026-03-01&createdTo=2026-02-01"), 400, "range_empty");
        assertError(setup.org.api().get(KEYS + "?enabled=yes"), 400, "boolean_invalid");
    }

    @Test
    void countsAllLiveKeysExactlyAndFilteredOnesUpToTenThousand() throws SQLException {
        Setup setup = Setup.of(base, "many");
        TestDatabase.insertBulkKeys(setup.org.id(), setup.groupId, setup.certificateId, 10005);

        JsonObject all = setup.org.api().get(KEYS).json();
        JsonObject filtered = setup.org.api().get(KEYS + "?name=bulk").json();
        JsonObject lastCounted = setup.org.api().get(KEYS + "?name=bulk&page=500").json();
        JsonObject beyond = setup.org.api().get(KEYS + "?name=bulk&page=501").json();
        JsonObject past = setup.org.api().get(KEYS + "?name=bulk&page=502").json();
        JsonObject narrow = setup.org.api().get(KEYS + "?name=bulk-1000").json();

        assertEquals(10005, all.getInt("totalCount"), "all live keys are counted as they change, at any number");
        assertTrue(all.getBoolean("totalCountExact"));
        assertEquals(10000, filtered.getInt("totalCount"));
        assertFalse(filtered.getBoolean("totalCountExact"), "more than 10,000: a lower bound");
        assertEquals(500, filtered.getInt("totalPages"));
        assertEquals(20, lastCounted.getJsonArray("list").size());
        assertFalse(lastCounted.getBoolean("totalCountExact"));
        assertEquals(5, beyond.getJsonArray("list").size(), "pages past the bound are still served");
        assertEquals(10005, beyond.getInt("totalCount"), "the last page makes the total exact");
        assertTrue(beyond.getBoolean("totalCountExact"));
        assertEquals(0, past.getJsonArray("list").size());
        assertEquals(10000, past.getInt("totalCount"), "an empty page past the end proves no more than the count did");
        assertFalse(past.getBoolean("totalCountExact"));
        assertEquals(7, narrow.getInt("totalCount"), "bulk-1000 and bulk-10000 to bulk-10005, counted exactly");
        assertTrue(narrow.getBoolean("totalCountExact"));

        for (String page : List.of("page=400", "page=501", "page=250&sort=-name", "page=3&pageSize=500&sort=createdAt")) {
            assertEquals(ids(setup.org.api().get(KEYS + "?createdBy=bulk&" + page).json()), ids(setup.org.api().get(KEYS + "?" + page).json()),
                    page + ": read from the end, the same keys as read from the start");
        }
        assertEquals(204, setup.org.api().delete(KEYS + "/" + ids(all).get(0)).status());
        assertEquals(10004, setup.org.api().get(KEYS).json().getInt("totalCount"), "a deleted key leaves the count");
    }

    private static List<Long> ids(JsonObject page) {
        List<Long> ids = page.getJsonArray("list").getValuesAs(JsonObject.class).stream().map(key -> key.getJsonNumber("id").longValue()).toList();
        assertFalse(ids.isEmpty(), page.toString());
        return ids;
    }

    /** Reads every page of the API's answer (pageSize 100) and compares the ids, in order, with the reference. */
    private static void assertSameKeys(Setup setup, String query, String sort, List<KeyRow> all, java.util.function.Predicate<KeyRow> matches,
                                       java.util.Comparator<KeyRow> order) {
        List<Long> expected = all.stream().filter(matches).sorted(order.thenComparing(KeyRow.BY_ID)).map(KeyRow::id).toList();
        List<Long> actual = new ArrayList<>();
        JsonObject page;
        int number = 1;
        do {
            Response response = setup.org.api().get(KEYS + "?" + query + (query.isEmpty() ? "" : "&") + "sort=" + sort + "&pageSize=100&page=" + number++);
            assertEquals(200, response.status(), query + ": " + response);
            page = response.json();
            page.getJsonArray("list").getValuesAs(JsonObject.class).forEach(key -> actual.add(key.getJsonNumber("id").longValue()));
        } while (page.getInt("page") < page.getInt("totalPages"));
        assertEquals(expected.size(), page.getInt("totalCount"), query);
        assertEquals(expected, actual, query + " sorted by " + sort);
        assertFalse(expected.isEmpty(), query + " matches nothing: a weak check");
        assertTrue(query.isEmpty() || expected.size() < all.size(), query + " filters nothing: a weak check");
    }

    /** A key as the database holds it, for the reference answers. */
    private record KeyRow(long id, String name, String description, long groupId, boolean working, boolean exportable,
                          boolean allowReEnrollment, int usage, Integer max, Instant expires, Instant lastUsed, Instant created,
                          String createdBy) {

        static final java.util.Comparator<KeyRow> BY_ID = java.util.Comparator.comparingLong(KeyRow::id);
        static final java.util.Comparator<KeyRow> BY_NAME = java.util.Comparator.comparing(k -> k.name.toLowerCase());
        static final java.util.Comparator<KeyRow> BY_CREATED = java.util.Comparator.comparing(KeyRow::created);
        static final java.util.Comparator<KeyRow> BY_USAGE = java.util.Comparator.comparingInt(KeyRow::usage);
        /** PostgreSQL's order: empty expiries after all others when ascending. */
        static final java.util.Comparator<KeyRow> BY_EXPIRY = java.util.Comparator.comparing(KeyRow::expires,
                java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));
        static final java.util.Comparator<KeyRow> BY_LAST_USED = java.util.Comparator.comparing(KeyRow::lastUsed,
                java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));

        static List<KeyRow> all(long organization) throws SQLException {
            List<KeyRow> rows = new ArrayList<>();
            try (Connection db = TestDatabase.connect();
                 PreparedStatement select = db.prepareStatement("SELECT id, name, description, machine_group_id, "
                         + "enabled AND (retires_at IS NULL OR retires_at > now()), exportable, allow_re_enrollment, usage_count, max_usage, "
                         + "expires_at, last_used_at, created_at, created_by FROM provisioning_key WHERE organization_id = ? AND deleted_at IS NULL")) {
                select.setLong(1, organization);
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        rows.add(new KeyRow(result.getLong(1), result.getString(2), result.getString(3), result.getLong(4), result.getBoolean(5),
                                result.getBoolean(6), result.getBoolean(7), result.getInt(8), (Integer) result.getObject(9), instant(result, 10),
                                instant(result, 11), instant(result, 12), result.getString(13)));
                    }
                }
            }
            return rows;
        }

        private static Instant instant(ResultSet result, int column) throws SQLException {
            java.time.OffsetDateTime time = result.getObject(column, java.time.OffsetDateTime.class);
            return time == null ? null : time.toInstant();
        }
    }

    private static String update(JsonObject key, String name, boolean exportable, long version) {
        return Json.createObjectBuilder().add("name", name).add("description", "").add("signingCertificateId", key.getJsonNumber("signingCertificateId"))
                .add("enabled", true).add("exportable", exportable).add("allowReEnrollment", false).add("version", version).build().toString();
    }

    private static JsonArrayBuilder cidrs(String... entries) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (String entry : entries) {
            array.add(entry);
        }
        return array;
    }

    /** An organisation with a machine group and its Client CA, ready for keys. */
    private record Setup(TestOrganization org, long groupId, long certificateId) {

        static Setup of(URL base, String label) {
            KeySetup setup = KeySetup.of(base, label);
            return new Setup(setup.org(), setup.groupId(), setup.certificateId());
        }

        JsonObjectBuilder key(String name) {
            return Json.createObjectBuilder().add("name", name).add("description", "for " + name)
                    .add("machineGroupId", groupId).add("signingCertificateId", certificateId);
        }
    }
}
