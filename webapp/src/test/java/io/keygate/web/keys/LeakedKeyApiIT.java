package io.keygate.web.keys;

import static io.keygate.web.support.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.platform.api.TokenChecksum;
import io.keygate.web.support.ApiClient;
import io.keygate.web.support.Deployments;
import io.keygate.web.support.Enrollments;
import io.keygate.web.support.KeySetup;
import io.keygate.web.support.Organizations;
import io.keygate.web.support.Organizations.TestOrganization;
import io.keygate.web.support.Response;
import jakarta.json.JsonObject;
import java.net.URL;
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

/**
 * Leak response (issue 8, S6): {@code POST /api/v1/leaked-keys} takes any text, disables every key of the caller's
 * organisation whose value is in it, and nothing else: not another organisation's key, not a token with a wrong
 * checksum or a forged secret. Audited, and no secret in the answer or the audit trail.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LeakedKeyApiIT {

    private static final String LEAKED = "api/v1/leaked-keys";
    private static final Pattern TOKEN = Pattern.compile("mpk_([0-9A-Za-z]{16})_([0-9A-Za-z]{43})[0-9A-Za-z]{6}");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.keygateWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void disablesTheOrganisationsKeysFoundInTheTextAndNothingElse() {
        Keys a = Keys.of(base, "leak-a");
        Keys b = Keys.of(base, "leak-b");
        String pasted = a.create("pasted-whole");
        String bare = a.create("pasted-bare");
        String disabledBefore = a.create("disabled-before");
        String untouched = a.create("not-in-the-text");
        String otherOrganisation = b.create("other-organisation");
        JsonObject before = a.org().api().get("api/v1/provisioning-keys/" + a.id(disabledBefore)).json();
        assertEquals(200, a.org().api().put("api/v1/provisioning-keys/" + a.id(disabledBefore), update(before, false)).status());

        String forged = forgedSecret(token(untouched));
        String typo = token(bare).substring(0, token(bare).length() - 1) + (token(bare).endsWith("A") ? "B" : "A");
        String text = "2026-11-27T10:15:30Z enroll --key " + pasted + " failed\n"
                + "KEYGATE_KEY=" + token(bare) + "\n" + "again: " + token(bare) + "\n"
                + "old: " + token(disabledBefore) + "\n" + "theirs: " + token(otherOrganisation) + "\n"
                + "forged: " + forged + "\n" + "typo: " + typo + "\n" + "not a key: mpk_short_token\n";

        Response report = a.org().api().send("POST", LEAKED, "text/plain; charset=UTF-8", text);

        assertEquals(200, report.status(), report.toString());
        JsonObject body = report.json();
        assertEquals(5, body.getInt("found"), "distinct tokens with a valid checksum: " + body);
        assertEquals(List.of("pasted-bare", "pasted-whole"), names(body, "disabled"));
        assertEquals(List.of("disabled-before"), names(body, "alreadyDisabled"));
        assertEquals(2, body.getInt("unmatched"), "the other organisation's key and the forged secret");
        for (String value : List.of(pasted, bare, disabledBefore, untouched, otherOrganisation)) {
            assertFalse(report.body().contains(secret(value)), "no secret in the answer");
        }

        assertEquals(false, a.key(pasted).getBoolean("enabled"));
        assertEquals(false, a.key(bare).getBoolean("enabled"));
        assertEquals(true, a.key(untouched).getBoolean("enabled"), "a key whose secret was not in the text");
        assertEquals(true, b.key(otherOrganisation).getBoolean("enabled"), "another organisation's key is not the caller's to disable");
        assertError(Enrollments.enroll(base, pasted, "web-01", "fp-web-01"), 403, "key_disabled");
        assertEquals(201, Enrollments.enroll(base, otherOrganisation, "web-02", "fp-web-02").status());

        List<JsonObject> disables = a.org().api().get("api/v1/audit-events?action=provisioning_key.leak_disable&sort=resourceName").list()
                .getValuesAs(JsonObject.class);
        assertEquals(List.of("pasted-bare", "pasted-whole"), disables.stream().map(event -> event.getString("resourceName")).toList());
        List<JsonObject> reports = a.org().api().get("api/v1/audit-events?action=provisioning_key.leak_report").list().getValuesAs(JsonObject.class);
        assertEquals(1, reports.size());
        String details = reports.get(0).getString("details");
        assertTrue(details.contains("\"unmatched\":2") && details.contains(keyId(bare)), details);
        String trail = a.org().api().get("api/v1/audit-events?pageSize=500").body();
        for (String value : List.of(pasted, bare, disabledBefore, untouched, forged)) {
            assertFalse(trail.contains(secret(value)), "no secret in the audit trail");
        }
        assertEquals(0, b.org().api().get("api/v1/audit-events?action=provisioning_key.leak_disable").list().size());
    }

    @Test
    void refusesWhatItCannotReadAndThoseWhoMayNotChangeKeys() {
        Keys a = Keys.of(base, "leak-refusals");
        String key = a.create("stays-enabled");
        String viewer = a.org().addReadOnlyAdmin("viewer");

        assertError(ApiClient.as(base, viewer, Organizations.PASSWORD).send("POST", LEAKED, "text/plain", key), 403, "read_only");
        assertError(a.org().api().send("POST", LEAKED, "text/plain", "  \n"), 400, "text_missing");
        assertError(a.org().api().post(LEAKED, "{\"text\":\"" + key + "\"}"), 415, "unsupported_media_type");
        assertError(a.org().api().send("POST", LEAKED, "text/plain", "x".repeat(1_048_577)), 400, "text_too_long");
        assertEquals(true, a.key(key).getBoolean("enabled"), "no refused report changed anything");

        Response nothingFound = a.org().api().send("POST", LEAKED, "text/plain", "no keys in this text");
        assertEquals(200, nothingFound.status());
        assertEquals(0, nothingFound.json().getInt("found"));
    }

    private static String update(JsonObject key, boolean enabled) {
        return jakarta.json.Json.createObjectBuilder().add("name", key.getString("name"))
                .add("signingCertificateId", key.getJsonNumber("signingCertificateId").longValue()).add("enabled", enabled)
                .add("exportable", key.getBoolean("exportable")).add("allowReEnrollment", key.getBoolean("allowReEnrollment"))
                .add("version", key.getJsonNumber("version").longValue()).build().toString();
    }

    private static List<String> names(JsonObject report, String list) {
        return report.getJsonArray(list).getValuesAs(JsonObject.class).stream().map(key -> key.getString("name")).sorted().toList();
    }

    private static String token(String value) {
        Matcher token = TOKEN.matcher(value);
        assertTrue(token.find(), value);
        return token.group();
    }

    private static String keyId(String value) {
        Matcher token = TOKEN.matcher(value);
        assertTrue(token.find(), value);
        return token.group(1);
    }

    private static String secret(String value) {
        Matcher token = TOKEN.matcher(value);
        assertTrue(token.find(), value);
        return token.group(2);
    }

    /** The key's keyId with another secret and a checksum that fits it: shaped like a key, but not the key's. */
    private static String forgedSecret(String token) {
        String keyId = token.substring(4, 20);
        String body = "mpk_" + keyId + "_" + "Z".repeat(43);
        return body + TokenChecksum.of(body, 0, body.length());
    }

    private record Keys(TestOrganization org, long groupId, long certificateId) {

        static Keys of(URL base, String label) {
            KeySetup setup = KeySetup.of(base, label);
            return new Keys(setup.org(), setup.groupId(), setup.certificateId());
        }

        /** A new key's value. */
        String create(String name) {
            Response created = org.api().post("api/v1/provisioning-keys", "{\"name\":\"" + name + "\",\"machineGroupId\":" + groupId
                    + ",\"signingCertificateId\":" + certificateId + ",\"allowReEnrollment\":true}");
            assertEquals(201, created.status(), created.toString());
            return created.json().getString("provisioningKey");
        }

        long id(String value) {
            return org.api().get("api/v1/provisioning-keys?search=").list().getValuesAs(JsonObject.class).stream()
                    .filter(key -> key.getString("keyId").equals(keyId(value))).findFirst().orElseThrow().getJsonNumber("id").longValue();
        }

        JsonObject key(String value) {
            return org.api().get("api/v1/provisioning-keys/" + id(value)).json();
        }
    }
}
