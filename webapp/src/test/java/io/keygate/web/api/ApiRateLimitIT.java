package io.keygate.web.api;

import static io.keygate.web.support.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.web.support.ApiClient;
import io.keygate.web.support.Deployments;
import io.keygate.web.support.Organizations;
import io.keygate.web.support.Organizations.TestOrganization;
import io.keygate.web.support.Response;
import io.keygate.web.support.TestDatabase;
import jakarta.json.JsonObject;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The API's rate limits at their shipped defaults (issue 7): 600 requests a minute per token, 1,200 per source address,
 * then 429 with Retry-After, the first refusal of the window audited. Each test sends from its own address through the
 * trusted proxy (127.0.0.1), so no test spends another's allowance.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApiRateLimitIT {

    private static final int PER_TOKEN = 600;
    private static final int PER_ADDRESS = 1200;
    private static final String GROUPS = "api/v1/machine-groups?pageSize=1";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.keygateWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void aTokenGetsSixHundredRequestsAMinuteThen429WithRetryAfterAuditedOnce() throws Exception {
        TestOrganization org = Organizations.create(base, "rate-token");
        String token = org.api().post("api/v1/api-tokens", "{\"name\":\"busy-pipeline\",\"role\":\"READ_ONLY\"}").json().getString("apiToken");
        String other = org.api().post("api/v1/api-tokens", "{\"name\":\"quiet-pipeline\",\"role\":\"READ_ONLY\"}").json().getString("apiToken");
        ApiClient busy = ApiClient.withToken(base, token).viaProxy("203.0.113.41");

        List<Response> answers = sendAtOnce(PER_TOKEN + 25, () -> busy.get(GROUPS));

        assertEquals(Map.of(200, PER_TOKEN, 429, 25), countByStatus(answers));
        for (Response refused : answers.stream().filter(answer -> answer.status() == 429).toList()) {
            assertError(refused, 429, "rate_limited");
            long retryAfter = Long.parseLong(refused.header("Retry-After"));
            assertTrue(retryAfter >= 1 && retryAfter <= 60, refused.toString());
            assertEquals(List.of("token", String.valueOf(retryAfter)), params(refused.json()));
        }
        assertEquals(200, ApiClient.withToken(base, other).viaProxy("203.0.113.41").get(GROUPS).status(),
                "another token of the same organisation has its own allowance");
        assertEquals(200, org.api().viaProxy("203.0.113.41").get(GROUPS).status(), "and so has the admin");

        List<JsonObject> events = org.api().get("api/v1/audit-events?action=api.rate_limit").list().getValuesAs(JsonObject.class);
        assertEquals(1, events.size(), "25 refusals, one audit event: " + events);
        assertEquals("token:busy-pipeline", events.get(0).getString("actorName"));
        assertEquals("token_limit_exceeded", events.get(0).getString("reason"));
        assertEquals("203.0.113.41", events.get(0).getString("sourceAddress"));
    }

    @Test
    void anAddressGetsTwelveHundredRequestsAMinuteCountedBeforeAnyCredential() throws Exception {
        TestOrganization org = Organizations.create(base, "rate-address");
        String token = org.api().post("api/v1/api-tokens", "{\"name\":\"from-a-busy-host\",\"role\":\"READ_ONLY\"}").json().getString("apiToken");
        ApiClient guesser = ApiClient.withToken(base, "kgt_notatokenatall").viaProxy("203.0.113.42");

        List<Response> answers = sendAtOnce(PER_ADDRESS + 30, () -> guesser.get(GROUPS));

        assertEquals(Map.of(401, PER_ADDRESS, 429, 30), countByStatus(answers), "guesses count as requests");
        Response withAGoodToken = ApiClient.withToken(base, token).viaProxy("203.0.113.42").get(GROUPS);
        assertError(withAGoodToken, 429, "rate_limited");
        assertEquals("address", params(withAGoodToken.json()).get(0));
        assertEquals(200, ApiClient.withToken(base, token).viaProxy("203.0.113.43").get(GROUPS).status(),
                "the same token from another address goes on");
        Response enrollment = ApiClient.anonymous(base).viaProxy("203.0.113.42").post("api/v1/enrollments", "{}");
        assertTrue(enrollment.status() == 400, "enrollments have limits of their own and are not counted here: " + enrollment);

        assertEquals(List.of("address_limit_exceeded"), auditedRefusals("address 203.0.113.42"));
        assertEquals(0, org.api().get("api/v1/audit-events?action=api.rate_limit").list().size(),
                "an address refused before authentication is no organisation's event");
    }

    private static List<Response> sendAtOnce(int count, Supplier<Response> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Response>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                sent.add(pool.submit(request::get));
            }
            List<Response> answers = new ArrayList<>();
            for (Future<Response> answer : sent) {
                answers.add(answer.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<Integer, Integer> countByStatus(List<Response> answers) {
        Map<Integer, Integer> counts = new TreeMap<>();
        answers.forEach(answer -> counts.merge(answer.status(), 1, Integer::sum));
        return counts;
    }

    private static List<String> params(JsonObject error) {
        return error.getJsonArray("params").getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
    }

    private static List<String> auditedRefusals(String actor) throws SQLException {
        try (Connection connection = TestDatabase.connect();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT reason FROM audit_event WHERE action = 'api.rate_limit' AND actor_name = ? AND organization_id IS NULL")) {
            query.setString(1, actor);
            List<String> reasons = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    reasons.add(rows.getString(1));
                }
            }
            return reasons;
        }
    }
}
