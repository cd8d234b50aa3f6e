package io.keygate.web.tokens;

import static io.keygate.web.support.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.platform.api.TokenChecksum;
import io.keygate.web.support.ApiClient;
import io.keygate.web.support.Deployments;
import io.keygate.web.support.Enrollments;
import io.keygate.web.support.Organizations.TestOrganization;
import io.keygate.web.support.Organizations;
import io.keygate.web.support.Response;
import io.keygate.web.support.TestDatabase;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * API tokens through the REST API (issue 7): created once with their value, used as Bearer, refused once revoked or expired,
 * audited; and the README's example script, which uses one.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApiTokenApiIT {

    private static final String TOKENS = "api/v1/api-tokens";
    private static final String GROUPS = "api/v1/machine-groups";
    private static final Path README = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).resolve("../README.md");
    /** The README's bash example, run as written (issue 7). */
    private static final Pattern EXAMPLE = Pattern.compile("<!-- example: create-group-and-key -->\\n```bash\\n(.*?)```", Pattern.DOTALL);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.keygateWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void aTokenIsShownOnceAndActsWithItsOwnRole() throws Exception {
        TestOrganization org = Organizations.create(base, "tokens");
        Response created = org.api().post(TOKENS, "{\"name\":\"ci-pipeline\",\"role\":\"ADMINISTRATOR\"}");
        assertEquals(201, created.status(), created.toString());
        assertTrue(created.header("Cache-Control").contains("no-store"), created.header("Cache-Control"));
        String token = created.json().getString("apiToken");
        assertTrue(token.matches("kgt_[0-9A-Za-z]{16}_[0-9A-Za-z]{49}"), token);
        assertEquals(token.substring(0, 20), created.json().getString("prefix"));
        assertTrue(created.header("Location").endsWith(TOKENS + "/" + created.id()), created.header("Location"));
        JsonObject read = org.api().get(TOKENS + "/" + created.id()).json();
        assertEquals("ACTIVE", read.getString("status"));
        assertFalse(read.containsKey("apiToken"), "the value is in the create answer only");
        assertFalse(org.api().get(TOKENS).body().contains(secretOf(token)));
        assertEquals(0, rowsHolding(secretOf(token)), "the database keeps a keyed hash, not the secret");

        ApiClient pipeline = ApiClient.withToken(base, token);
        Response group = pipeline.post(GROUPS, "{\"name\":\"from-ci\",\"enabled\":true}");
        assertEquals(201, group.status(), group.toString());
        JsonObject audited = org.api().get("api/v1/audit-events?action=machine_group.create").list().getJsonObject(0);
        assertEquals("API_TOKEN", audited.getString("actorType"), "A1: the token is the actor");
        assertEquals("token:ci-pipeline", audited.getString("actorName"), "a token's name can never pass for an admin's username");
        assertEquals("token:ci-pipeline", org.api().get(GROUPS + "/" + group.id()).json().getString("createdBy"));
        assertEquals(200, pipeline.get(GROUPS).status());
        JsonObject used = org.api().get(TOKENS + "/" + created.id()).json();
        assertFalse(used.isNull("lastUsedAt"), "the page shows when it was last used: " + used);
        assertEquals("127.0.0.1", used.getString("lastUsedFrom"));

        String viewerToken = org.api().post(TOKENS, "{\"name\":\"dashboard\",\"role\":\"READ_ONLY\"}").json().getString("apiToken");
        ApiClient viewer = ApiClient.withToken(base, viewerToken);
        assertEquals(200, viewer.get(GROUPS).status());
        assertError(viewer.post(GROUPS, "{\"name\":\"nope\",\"enabled\":true}"), 403, "read_only");

        assertError(pipeline.post(TOKENS, "{\"name\":\"successor\",\"role\":\"ADMINISTRATOR\"}"), 403, "account_required");
        assertError(pipeline.get(TOKENS), 403, "account_required");
        assertError(pipeline.delete(TOKENS + "/" + org.api().get(TOKENS).list().getJsonObject(0).getJsonNumber("id")), 403, "account_required");
        long firstAdmin = org.api().get("api/v1/admins").list().getJsonObject(0).getJsonNumber("id").longValue();
        assertError(pipeline.put("api/v1/admins/" + firstAdmin, "{\"role\":\"READ_ONLY\",\"version\":1}"), 403, "account_required");
        assertError(pipeline.delete("api/v1/admins/" + firstAdmin), 403, "account_required");
        assertError(pipeline.post("api/v1/admins", "{\"username\":\"planted-" + org.name() + "\",\"password\":\"" + Organizations.PASSWORD
                + "\",\"role\":\"ADMINISTRATOR\"}"), 403, "account_required");
        assertError(pipeline.post("api/v1/saved-filters", "{\"table\":\"machine-groups\",\"name\":\"mine\",\"scope\":\"PREFERENCES\","
                + "\"criteria\":{}}"), 403, "account_required");
        assertEquals(2, org.api().get(TOKENS).json().getInt("totalCount"), "no token made another");

        TestOrganization other = Organizations.create(base, "tokens-other");
        assertError(other.api().get(TOKENS + "/" + created.id()), 404, "not_found");
        assertError(other.api().delete(TOKENS + "/" + created.id()), 404, "not_found");
        String otherToken = other.api().post(TOKENS, "{\"name\":\"theirs\",\"role\":\"ADMINISTRATOR\"}").json().getString("apiToken");
        assertError(ApiClient.withToken(base, otherToken).get(GROUPS + "/" + group.id()), 404, "not_found");
        assertEquals("ACTIVE", org.api().get(TOKENS + "/" + created.id()).json().getString("status"));
    }

    @Test
    void aRevokedOrExpiredTokenIsRefusedAndEveryUseAudited() throws Exception {
        TestOrganization org = Organizations.create(base, "tokens-revoke");
        Response created = org.api().post(TOKENS, "{\"name\":\"laptop\",\"role\":\"ADMINISTRATOR\"}");
        ApiClient laptop = ApiClient.withToken(base, created.json().getString("apiToken"));
        assertEquals(200, laptop.get(GROUPS).status());

        assertEquals(204, org.api().delete(TOKENS + "/" + created.id()).status());
        assertEquals(204, org.api().delete(TOKENS + "/" + created.id()).status(), "revoking twice changes nothing");
        assertError(laptop.get(GROUPS), 401, "token_revoked");
        assertError(laptop.post(GROUPS, "{\"name\":\"late\",\"enabled\":true}"), 401, "token_revoked");
        JsonObject revoked = org.api().get(TOKENS + "/" + created.id()).json();
        assertEquals("REVOKED", revoked.getString("status"));
        assertEquals(org.adminUsername(), revoked.getString("revokedBy"));
        assertEquals(1, org.api().get("api/v1/audit-events?action=api_token.revoke").json().getInt("totalCount"));
        List<JsonObject> refusals = org.api().get("api/v1/audit-events?action=api_token.use").list().getValuesAs(JsonObject.class);
        assertEquals(2, refusals.size(), "every use of the revoked token: " + refusals);
        assertTrue(refusals.stream().allMatch(event -> "token_revoked".equals(event.getString("reason")) && "FAILURE".equals(event.getString("outcome"))
                && "API_TOKEN".equals(event.getString("actorType")) && "token:laptop".equals(event.getString("actorName"))), refusals.toString());
        assertEquals(201, org.api().post(TOKENS, "{\"name\":\"laptop\",\"role\":\"ADMINISTRATOR\"}").status(), "a revoked token's name is free again");

        Response expiring = org.api().post(TOKENS, "{\"name\":\"short-lived\",\"role\":\"READ_ONLY\",\"expiresAt\":\""
                + Instant.now().plus(1, ChronoUnit.HOURS) + "\"}");
        ApiClient shortLived = ApiClient.withToken(base, expiring.json().getString("apiToken"));
        assertEquals(200, shortLived.get(GROUPS).status());
        try (Connection db = TestDatabase.connect(); var expire = db.prepareStatement("UPDATE api_token SET expires_at = now() - interval '1 second' "
                + "WHERE id = ?")) {
            expire.setLong(1, expiring.id());
            assertEquals(1, expire.executeUpdate());
        }
        assertError(shortLived.get(GROUPS), 401, "token_expired");
        assertEquals("EXPIRED", org.api().get(TOKENS + "/" + expiring.id()).json().getString("status"));
        assertEquals(3, org.api().get("api/v1/audit-events?action=api_token.use").json().getInt("totalCount"));
    }

    @Test
    void aTokenIsTakenOnlyFromItsAllowedSourcesAndOnlyWhenWholeAndRight() throws Exception {
        TestOrganization org = Organizations.create(base, "tokens-sources");
        Response created = org.api().post(TOKENS, "{\"name\":\"office\",\"role\":\"READ_ONLY\",\"ipAllowList\":[\"203.0.113.0/24\"]}");
        assertEquals(List.of("203.0.113.0/24"), created.json().getJsonArray("ipAllowList").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList());
        String token = created.json().getString("apiToken");
        assertError(ApiClient.withToken(base, token).get(GROUPS), 403, "ip_not_allowed");
        // the test server trusts a proxy on 127.0.0.1, so the forwarded address is the client's
        assertEquals(200, ApiClient.withToken(base, token).viaProxy("203.0.113.9").get(GROUPS).status());
        assertError(ApiClient.withToken(base, token).viaProxy("198.51.100.9").get(GROUPS), 403, "ip_not_allowed");

        String tokenId = token.substring(4, 20);
        String secret = token.substring(21, 64);
        String otherSecret = secret.substring(1) + (secret.charAt(0) == 'A' ? 'B' : 'A');
        String wrongSecretRightChecksum = "kgt_" + tokenId + "_" + otherSecret + TokenChecksum.of("kgt_", tokenId, otherSecret.toCharArray());
        long auditedBefore = org.api().get("api/v1/audit-events").json().getInt("totalCount");
        for (String bad : List.of(token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A"), token.substring(0, 40),
                "kgt_" + "0".repeat(16) + "_" + secret + TokenChecksum.of("kgt_", "0".repeat(16), secret.toCharArray()), wrongSecretRightChecksum,
                "not a token")) {
            Response refused = ApiClient.withToken(base, bad).viaProxy("203.0.113.9").get(GROUPS);
            assertError(refused, 401, "invalid_token");
            assertTrue(refused.header("WWW-Authenticate").startsWith("Bearer"), refused.header("WWW-Authenticate"));
        }
        List<JsonObject> newestUses = org.api().get("api/v1/audit-events?action=api_token.use&pageSize=1").list().getValuesAs(JsonObject.class);
        assertEquals(auditedBefore + 1, org.api().get("api/v1/audit-events").json().getInt("totalCount"),
                "of the refusals before the secret matched, only the wrong secret for this organisation's token id is recorded here");
        assertEquals("wrong_secret", newestUses.get(0).getString("reason"));

        assertError(org.api().post(TOKENS, "{\"name\":\"bad name\",\"role\":\"READ_ONLY\"}"), 400, "name_invalid");
        assertError(org.api().post(TOKENS, "{\"name\":\"operator-like\",\"role\":\"OPERATOR\"}"), 400, "role_invalid");
        assertError(org.api().post(TOKENS, "{\"name\":\"old\",\"role\":\"READ_ONLY\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}"), 400, "expires_in_past");
        assertError(org.api().post(TOKENS, "{\"name\":\"wide\",\"role\":\"READ_ONLY\",\"ipAllowList\":[\"203.0.113.0/33\"]}"), 400,
                "ip_allow_list_invalid");
        assertError(org.api().post(TOKENS, "{\"name\":\"office\",\"role\":\"READ_ONLY\"}"), 409, "duplicate_name");
        assertEquals(1, org.api().get(TOKENS).json().getInt("totalCount"), "no refused request made a token");
    }

    @Test
    void theReadmeExampleCreatesAGroupAndAKeyAndSavesTheKeyForItsOwnerOnly(@TempDir Path directory) throws Exception {
        Matcher example = EXAMPLE.matcher(Files.readString(README, StandardCharsets.UTF_8));
        assertTrue(example.find(), "the README has the example");
        TestOrganization org = Organizations.create(base, "readme");
        String token = org.api().post("api/v1/api-tokens", "{\"name\":\"readme-script\",\"role\":\"ADMINISTRATOR\"}").json().getString("apiToken");

        ProcessBuilder bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", example.group(1)).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(directory.resolve("output.txt").toFile());
        bash.environment().keySet().removeIf(name -> name.toLowerCase().endsWith("_proxy"));
        bash.environment().put("KEYGATE_URL", base.toString().replaceFirst("/$", ""));
        bash.environment().put("KEYGATE_TOKEN", token);
        Process process = bash.start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the example finished");
        String output = Files.readString(directory.resolve("output.txt"));
        assertEquals(0, process.exitValue(), output);

        Path keyFile = directory.resolve("web-fleet.key");
        String key = Files.readString(keyFile, StandardCharsets.UTF_8);
        assertTrue(key.matches("1\\|[^|]+\\|mpk_[0-9A-Za-z]{16}_[0-9A-Za-z]{49}\\n"), "the key and a newline");
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(keyFile));
        JsonObject created = org.api().get("api/v1/provisioning-keys?name=web-fleet").list().getJsonObject(0);
        JsonObject group = org.api().get("api/v1/machine-groups?name=Linux-Servers").list().getJsonObject(0);
        assertEquals(group.getJsonNumber("id").longValue(), created.getJsonNumber("machineGroupId").longValue());
        assertEquals(50, created.getInt("maxUsage"));
        assertTrue(output.contains("key for group " + group.getJsonNumber("id") + " saved to web-fleet.key"), output);
        assertEquals(201, Enrollments.enroll(base, key.strip(), "web-01", "fp-web-01").status(), "the saved key enrolls a machine");
    }

    private static String secretOf(String token) {
        return token.substring(21, 64);
    }

    private static long rowsHolding(String text) throws SQLException {
        try (Connection db = TestDatabase.connect(); var find = db.prepareStatement("SELECT count(*) FROM api_token t WHERE t::text LIKE ?")) {
            find.setString(1, "%" + text + "%");
            try (var found = find.executeQuery()) {
                found.next();
                return found.getLong(1);
            }
        }
    }
}
