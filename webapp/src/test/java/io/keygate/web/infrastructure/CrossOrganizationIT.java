package io.keygate.web.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.web.support.ApiClient;
import io.keygate.web.support.Deployments;
import io.keygate.web.support.Enrollments;
import io.keygate.web.support.KeySetup;
import io.keygate.web.support.Organizations;
import io.keygate.web.support.PortalSession;
import io.keygate.web.support.Response;
import io.keygate.web.support.TestDatabase;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * S2 / G2: every operation that names an object by id, and every one that refers to another object (a key's group or
 * CA, a list's or an export's filter, a leaked key's value), tried by each organisation with the other's ids, through
 * the API (with an API token and with HTTP Basic) and through the pages (filters in the address, the export the page
 * fetches). Not one may succeed, and neither organisation's data may change. Each PUT body is first sent to the
 * caller's own object and must be accepted there, so a refusal is about the organisation, not the body.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CrossOrganizationIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.keygateWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void noOrganisationReachesTheOthersObjectsInEitherDirection() throws Exception {
        Tenant first = Tenant.make(base, "tenant-a");
        Tenant second = Tenant.make(base, "tenant-b");
        first.acceptsTheBodiesOnItsOwnObjects();
        second.acceptsTheBodiesOnItsOwnObjects();
        String firstBefore = TestDatabase.organizationDigest(first.setup().org().id());
        String secondBefore = TestDatabase.organizationDigest(second.setup().org().id());

        Map<String, Integer> refusals = new TreeMap<>();
        List<String> successes = new ArrayList<>();
        int attempts = 0;
        for (Tenant[] pair : new Tenant[][] {{first, second}, {second, first}}) {
            Tenant caller = pair[0];
            Tenant owner = pair[1];
            for (ApiClient api : List.of(caller.setup().org().api(), caller.tokenClient())) {
                for (Attempt attempt : apiAttempts(caller, owner)) {
                    Response answer = attempt.call().apply(api);
                    attempts++;
                    if (attempt.succeeded(answer)) {
                        successes.add(attempt.name() + " -> " + answer);
                    }
                    refusals.merge(describe(answer), 1, Integer::sum);
                }
            }
            PortalSession page = PortalSession.signIn(base, caller.setup().org().adminUsername(), Organizations.PASSWORD);
            for (String address : List.of("keys/list.xhtml?machineGroupId=", "keys/list.xhtml?signingCertificateId=",
                    "machines/list.xhtml?machineGroupId=")) {
                long id = address.contains("signingCertificateId") ? owner.certificateIds().get(0) : owner.groupIds().get(0);
                HttpResponse<String> shown = page.get(address + id);
                attempts++;
                if (shown.statusCode() != 200 || owner.names().stream().anyMatch(shown.body()::contains)) {
                    successes.add("page " + address + id + " showed the other organisation's objects or failed: " + shown.statusCode());
                }
            }
            for (String export : List.of("export/keys?format=csv&machineGroupId=", "export/machines?format=csv&machineGroupId=",
                    "export/keys?format=csv&signingCertificateId=")) {
                long id = export.contains("signingCertificateId") ? owner.certificateIds().get(0) : owner.groupIds().get(0);
                HttpResponse<String> file = page.get(export + id);
                attempts++;
                if (file.statusCode() == 200 && file.body().lines().count() > 1) {
                    successes.add("page export " + export + id + " held rows");
                }
            }
        }

        System.out.println("cross-organisation: " + attempts + " attempts, " + successes.size() + " succeeded; answers " + refusals);
        assertTrue(attempts >= 200, "at least 200 attempts: " + attempts);
        assertEquals(List.of(), successes);
        assertEquals(firstBefore, TestDatabase.organizationDigest(first.setup().org().id()), "nothing of the first organisation changed");
        assertEquals(secondBefore, TestDatabase.organizationDigest(second.setup().org().id()), "nothing of the second organisation changed");
    }

    /** One organisation's objects, two of each kind where the kind allows, and an API token of its own. */
    private record Tenant(KeySetup setup, List<Long> keyIds, List<String> keyValues, List<Long> groupIds, List<Long> machineIds,
                          List<Long> certificateIds, List<Long> tokenIds, List<Long> adminIds, List<Long> filterIds, ApiClient tokenClient,
                          List<String> names) {

        static Tenant make(URL base, String label) {
            KeySetup setup = KeySetup.of(base, label);
            ApiClient api = setup.org().api();
            List<Long> keys = new ArrayList<>();
            List<String> values = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                JsonObject key = setup.create(label + "-key-" + i, k -> k.add("allowReEnrollment", true));
                keys.add(key.getJsonNumber("id").longValue());
                values.add(key.getString("provisioningKey"));
                names.add(label + "-key-" + i);
            }
            Response group = api.post("api/v1/machine-groups", "{\"name\":\"" + label + "-group\",\"enabled\":true}");
            assertEquals(201, group.status(), group.toString());
            List<Long> machines = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Response enrolled = Enrollments.enroll(base, values.get(i), label + "-host-" + i, label + "-fp-" + i);
                assertEquals(201, enrolled.status(), enrolled.toString());
                names.add(label + "-host-" + i);
            }
            api.get("api/v1/machines").list().getValuesAs(JsonObject.class).forEach(m -> machines.add(m.getJsonNumber("id").longValue()));
            List<Long> certificates = ids(api.get("api/v1/signing-certificates").list().getValuesAs(JsonObject.class));
            Response token = api.post("api/v1/api-tokens", "{\"name\":\"" + label + "-token\",\"role\":\"ADMINISTRATOR\"}");
            assertEquals(201, token.status(), token.toString());
            String readOnly = setup.org().addReadOnlyAdmin("viewer");
            Response filter = api.post("api/v1/saved-filters", "{\"table\":\"provisioning-keys\",\"name\":\"" + label
                    + "-filter\",\"scope\":\"PREFERENCES\",\"criteria\":{}}");
            assertEquals(201, filter.status(), filter.toString());
            return new Tenant(setup, keys, values, List.of(setup.groupId(), group.id()), machines, certificates, List.of(token.id()),
                    ids(api.get("api/v1/admins").list().getValuesAs(JsonObject.class)), List.of(filter.id()),
                    ApiClient.withToken(base, token.json().getString("apiToken")), names);
        }

        /**
         * Sends each PUT body of the attempts to this organisation's own object first: accepted there, its refusal
         * elsewhere is about the organisation, not the body.
         */
        void acceptsTheBodiesOnItsOwnObjects() {
            ApiClient api = setup.org().api();
            String ownKey = KeySetup.KEYS + "/" + keyIds.get(1);
            assertAccepted(api.put(ownKey, keyBody(label() + "-renamed", setup.certificateId(), currentVersion(api, ownKey))));
            String ownGroup = "api/v1/machine-groups/" + groupIds.get(1);
            assertAccepted(api.put(ownGroup, groupBody(label() + "-renamed", currentVersion(api, ownGroup))));
            String ownAdmin = "api/v1/admins/" + adminIds.get(adminIds.size() - 1);
            assertAccepted(api.put(ownAdmin, adminBody(currentVersion(api, ownAdmin))));
            String ownFilter = "api/v1/saved-filters/" + filterIds.get(0);
            assertAccepted(api.put(ownFilter, filterBody(label() + "-renamed", currentVersion(api, ownFilter))));
        }

        private static void assertAccepted(Response answer) {
            assertEquals(200, answer.status(), answer.toString());
        }

        private String label() {
            return setup.org().name();
        }

        private static List<Long> ids(List<JsonObject> objects) {
            return objects.stream().map(object -> object.getJsonNumber("id").longValue()).toList();
        }
    }

    private record Attempt(String name, Function<ApiClient, Response> call, Kind kind) {

        enum Kind { BY_ID, LIST, EXPORT }

        static Attempt byId(String name, Function<ApiClient, Response> call) {
            return new Attempt(name, call, Kind.BY_ID);
        }

        static Attempt list(String name, Function<ApiClient, Response> call) {
            return new Attempt(name, call, Kind.LIST);
        }

        static Attempt export(String name, Function<ApiClient, Response> call) {
            return new Attempt(name, call, Kind.EXPORT);
        }

        /**
         * A list or a report that answers is a success only if it shows something, an export only if it holds a row
         * ({@link #exportRows} answers 200 then); anything else if it answers 2xx.
         */
        boolean succeeded(Response answer) {
            if (kind == Kind.EXPORT) {
                return answer.status() == 200;
            }
            if (answer.status() >= 300) {
                return false;
            }
            if (kind == Kind.BY_ID) {
                return true;
            }
            JsonObject body = answer.json();
            return body.containsKey("totalCount") ? body.getInt("totalCount") > 0
                    : body.getInt("disabled", 0) + body.getInt("alreadyDisabled", 0) > 0;
        }
    }

    private static List<Attempt> apiAttempts(Tenant caller, Tenant owner) {
        List<Attempt> attempts = new ArrayList<>();
        String keys = KeySetup.KEYS + "/";
        for (long id : owner.keyIds()) {
            attempts.add(Attempt.byId("GET key " + id, api -> api.get(keys + id)));
            attempts.add(Attempt.byId("PUT key " + id, api -> api.put(keys + id, keyBody("taken-over", caller.setup().certificateId(), 1))));
            attempts.add(Attempt.byId("reveal key " + id, api -> api.post(keys + id + "/reveal", "")));
            attempts.add(Attempt.byId("download key " + id, api -> api.download(keys + id + "/download")));
            attempts.add(Attempt.byId("rotate key " + id, api -> api.post(keys + id + "/rotate", "")));
            attempts.add(Attempt.byId("DELETE key " + id, api -> api.delete(keys + id)));
        }
        for (long id : owner.groupIds()) {
            attempts.add(Attempt.byId("GET group " + id, api -> api.get("api/v1/machine-groups/" + id)));
            attempts.add(Attempt.byId("PUT group " + id, api -> api.put("api/v1/machine-groups/" + id, groupBody("taken-over", 1))));
            attempts.add(Attempt.byId("DELETE group " + id, api -> api.delete("api/v1/machine-groups/" + id)));
            attempts.add(Attempt.byId("key in the other's group " + id, api -> api.post(KeySetup.KEYS, "{\"name\":\"borrowed-group\","
                    + "\"machineGroupId\":" + id + ",\"signingCertificateId\":" + caller.setup().certificateId() + "}")));
            attempts.add(Attempt.list("keys filtered by the other's group " + id, api -> api.get(KeySetup.KEYS + "?machineGroupId=" + id)));
            attempts.add(Attempt.list("machines filtered by the other's group " + id, api -> api.get("api/v1/machines?machineGroupId=" + id)));
        }
        for (long id : owner.machineIds()) {
            attempts.add(Attempt.byId("GET machine " + id, api -> api.get("api/v1/machines/" + id)));
            attempts.add(Attempt.byId("DELETE machine " + id, api -> api.delete("api/v1/machines/" + id)));
        }
        for (long id : owner.certificateIds()) {
            attempts.add(Attempt.byId("GET certificate " + id, api -> api.get("api/v1/signing-certificates/" + id)));
            attempts.add(Attempt.byId("PEM of certificate " + id, api -> api.download("api/v1/signing-certificates/" + id + "/pem")));
            attempts.add(Attempt.byId("DELETE certificate " + id, api -> api.delete("api/v1/signing-certificates/" + id)));
            attempts.add(Attempt.byId("key with the other's CA " + id, api -> api.post(KeySetup.KEYS, "{\"name\":\"borrowed-ca\","
                    + "\"machineGroupId\":" + caller.setup().groupId() + ",\"signingCertificateId\":" + id + "}")));
            attempts.add(Attempt.byId("own key moved to the other's CA " + id,
                    api -> api.put(keys + caller.keyIds().get(0), keyBody("moved", id, currentVersion(api, keys + caller.keyIds().get(0))))));
            attempts.add(Attempt.list("keys filtered by the other's CA " + id, api -> api.get(KeySetup.KEYS + "?signingCertificateId=" + id)));
        }
        for (long id : owner.tokenIds()) {
            attempts.add(Attempt.byId("GET token " + id, api -> api.get("api/v1/api-tokens/" + id)));
            attempts.add(Attempt.byId("revoke token " + id, api -> api.delete("api/v1/api-tokens/" + id)));
        }
        for (long id : owner.adminIds()) {
            attempts.add(Attempt.byId("GET admin " + id, api -> api.get("api/v1/admins/" + id)));
            attempts.add(Attempt.byId("PUT admin " + id, api -> api.put("api/v1/admins/" + id, adminBody(1))));
            attempts.add(Attempt.byId("DELETE admin " + id, api -> api.delete("api/v1/admins/" + id)));
        }
        for (long id : owner.filterIds()) {
            attempts.add(Attempt.byId("GET saved filter " + id, api -> api.get("api/v1/saved-filters/" + id)));
            attempts.add(Attempt.byId("PUT saved filter " + id, api -> api.put("api/v1/saved-filters/" + id, filterBody("taken-over", 1))));
            attempts.add(Attempt.byId("DELETE saved filter " + id, api -> api.delete("api/v1/saved-filters/" + id)));
        }
        for (String value : owner.keyValues()) {
            attempts.add(Attempt.list("leak report of the other's key", api -> api.send("POST", "api/v1/leaked-keys", "text/plain", value)));
        }
        for (long group : owner.groupIds()) {
            attempts.add(Attempt.export("keys export filtered by the other's group " + group, api -> exportRows(api,
                    KeySetup.KEYS + "/export?format=csv&machineGroupId=" + group)));
        }
        return attempts;
    }

    /** A CSV export as a Response: 200 only when it holds a row beyond the header, else 204 (nothing to see). */
    private static Response exportRows(ApiClient api, String path) {
        HttpResponse<byte[]> file = api.file(path);
        long rows = new String(file.body(), java.nio.charset.StandardCharsets.UTF_8).lines().count() - 1;
        return new Response(file.statusCode() == 200 && rows > 0 ? 200 : file.statusCode() == 200 ? 204 : file.statusCode(),
                file.headers(), file.statusCode() == 200 ? "" : new String(file.body(), java.nio.charset.StandardCharsets.UTF_8));
    }

    private static long currentVersion(ApiClient api, String path) {
        return api.get(path).json().getJsonNumber("version").longValue();
    }

    private static String describe(Response answer) {
        if (answer.status() < 400) {
            return String.valueOf(answer.status());
        }
        try {
            return answer.status() + " " + answer.errorId();
        } catch (RuntimeException notAnErrorBody) {
            return answer.status() + " (no error body)";
        }
    }

    private static String keyBody(String name, long certificate, long version) {
        return "{\"name\":\"" + name + "\",\"description\":\"\",\"enabled\":true,\"exportable\":true,\"allowReEnrollment\":true,"
                + "\"maxUsage\":null,\"expiresAt\":null,\"ipAllowList\":[],\"signingCertificateId\":" + certificate + ",\"version\":" + version + "}";
    }

    private static String groupBody(String name, long version) {
        return "{\"name\":\"" + name + "\",\"description\":\"\",\"enabled\":true,\"version\":" + version + "}";
    }

    private static String adminBody(long version) {
        return "{\"role\":\"READ_ONLY\",\"version\":" + version + "}";
    }

    private static String filterBody(String name, long version) {
        return "{\"name\":\"" + name + "\",\"criteria\":{},\"version\":" + version + "}";
    }
}
