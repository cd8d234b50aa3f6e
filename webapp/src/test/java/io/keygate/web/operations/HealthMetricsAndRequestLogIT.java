package io.keygate.web.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.web.support.ApiClient;
import io.keygate.web.support.Deployments;
import io.keygate.web.support.Enrollments;
import io.keygate.web.support.KeySetup;
import io.keygate.web.support.Organizations;
import io.keygate.web.support.Organizations.TestOrganization;
import io.keygate.web.support.PortalSession;
import io.keygate.web.support.Response;
import io.keygate.web.support.ServerLog;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 9: what an operator's tooling reads from a node: readiness and liveness, Prometheus metrics, and one log line
 * per request that names who made it and how it ended.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HealthMetricsAndRequestLogIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? ([-+0-9.eE]+|NaN)$", Pattern.MULTILINE);

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.keygateWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void aServingNodeIsReadyWithEachCheckNamedAndLive() throws Exception {
        HttpResponse<String> ready = get("health/ready", "application/json");
        assertEquals(200, ready.statusCode(), ready.body());
        JsonObject readiness = Json.createReader(new StringReader(ready.body())).readObject();
        assertEquals("UP", readiness.getString("status"), ready.body());
        Map<String, JsonObject> checks = new LinkedHashMap<>();
        readiness.getJsonArray("checks").forEach(check -> checks.put(check.asJsonObject().getString("name"), check.asJsonObject()));
        assertEquals("UP", checks.get("database").getString("status"), ready.body());
        assertEquals("UP", checks.get("key-material").getString("status"), ready.body());
        assertEquals("UP", checks.get("migrations").getString("status"), ready.body());
        assertEquals("UP", checks.get("serving").getString("status"), ready.body());
        assertEquals(latestMigration(), checks.get("migrations").getJsonObject("data").getString("schemaVersion"), ready.body());

        HttpResponse<String> live = get("health/live", "application/json");
        assertEquals(200, live.statusCode(), live.body());
        JsonObject liveness = Json.createReader(new StringReader(live.body())).readObject();
        assertEquals(1, liveness.getJsonArray("checks").size(), "a database outage must not make the node look dead: " + live.body());
        JsonObject threads = liveness.getJsonArray("checks").getJsonObject(0);
        assertEquals("threads", threads.getString("name"), live.body());
        assertEquals("UP", threads.getString("status"), live.body());
        assertEquals("0", threads.getJsonObject("data").getString("deadlocked"), live.body());
    }

    @Test
    void metricsCountEnrollmentsByOutcomeRequestsByKindAndSignedInSessions() throws Exception {
        KeySetup setup = KeySetup.of(base, "metrics");
        String key = setup.create("metrics-key").getString("provisioningKey");
        Map<String, Double> before = metrics();

        assertEquals(201, Enrollments.enroll(base, key, "metrics-01", "fp-metrics-01").status());
        assertEquals(401, Enrollments.enrollFrom(base, "203.0.113.91", "not-a-key", "metrics-02", "fp-metrics-02").status());
        Response unreadable = ApiClient.anonymous(base).send("POST", Enrollments.PATH, "application/json", "[1]");
        assertEquals(400, unreadable.status(), unreadable.toString());

        Map<String, Double> after = metrics();
        assertEquals(1.0, increase(before, after, "keygate_enrollments_total", "outcome=\"enrolled\""), after.toString());
        assertEquals(1.0, increase(before, after, "keygate_enrollments_total", "outcome=\"invalid_key\""), after.toString());
        assertEquals(1.0, increase(before, after, "keygate_enrollments_total", "outcome=\"body_invalid\""), after.toString());
        assertTrue(increase(before, after, "keygate_requests_seconds_count", "kind=\"enrollment\"") >= 3, after.toString());
        assertTrue(value(after, "keygate_requests_seconds_sum", "kind=\"enrollment\"").orElse(0.0) > 0, after.toString());
        assertTrue(value(after, "keygate_exports_running", "").isPresent(), after.toString());
        assertTrue(value(after, "keygate_database_connections", "state=\"idle\"").isPresent(), after.toString());
        assertTrue(value(after, "keygate_database_connections", "state=\"active\"").orElse(0.0) >= 1,
                "the scrape's own query is running: " + after);

        PortalSession admin = PortalSession.anonymous(base);
        double sessions = value(metrics(), "keygate_sessions_active", "").orElseThrow();
        admin.signInWith(setup.org().adminUsername(), Organizations.PASSWORD);
        String page = admin.get("keys/list.xhtml").body();
        assertEquals(sessions + 1, value(metrics(), "keygate_sessions_active", "").orElseThrow());
        sessions = value(metrics(), "keygate_sessions_active", "").orElseThrow();
        Map<String, String> signOut = new LinkedHashMap<>();
        signOut.put("account", "account");
        signOut.put("account:sign-out", "");
        signOut.put("jakarta.faces.ViewState", PortalSession.viewState(page));
        admin.post("keys/list.xhtml", signOut, Map.of());
        assertEquals(sessions - 1, value(metrics(), "keygate_sessions_active", "").orElseThrow(), "signing out ends the session");
    }

    @Test
    void unreadableEnrollmentsAreCountedByOutcomeUpToTheAddresssLimitAndAsRateLimitedBeyond() throws Exception {
        // an address no other test uses (EnrollmentApiIT spreads its fuzzing over 198.51.100.1 to .250 in the same minute)
        String flooder = "203.0.113.193";
        Map<String, Double> before = metrics();

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            statuses.add(Enrollments.post(base, "[]".getBytes(StandardCharsets.UTF_8), flooder).status());
        }

        Map<String, Double> after = metrics();
        assertEquals(20, Collections.frequency(statuses, 400), "read and refused up to the limit: " + statuses);
        assertEquals(3, Collections.frequency(statuses, 429), "refused unread beyond it: " + statuses);
        assertEquals(20.0, increase(before, after, "keygate_enrollments_total", "outcome=\"body_invalid\""), after.toString());
        assertEquals(3.0, increase(before, after, "keygate_enrollments_total", "outcome=\"rate_limited\""), after.toString());
    }

    @Test
    void everyRequestIsLoggedOnceWithItsIdStatusDurationAndWhoMadeIt() {
        KeySetup setup = KeySetup.of(base, "requestlog");
        String mark = ServerLog.mark(base);

        Response listed = setup.org().api().get("api/v1/machine-groups");
        assertEquals(200, listed.status(), listed.toString());
        Response refused = ApiClient.withToken(base, "kgt_0123456789abcdef_" + "A".repeat(49)).get("api/v1/machine-groups");
        assertEquals(401, refused.status(), refused.toString());
        HttpResponse<String> signInPage = PortalSession.anonymous(base).get("keys/list.xhtml");
        assertEquals(302, signInPage.statusCode());

        String log = ServerLog.since(base, mark);
        String listedLine = lineOf(log, listed.header("X-Request-Id"));
        assertTrue(listedLine.contains("method=GET path=/api/v1/machine-groups status=200 duration_ms="), listedLine);
        assertTrue(listedLine.contains("organization=" + setup.org().id() + " admin=" + setup.org().adminUsername() + " token=-"), listedLine);
        String refusedLine = lineOf(log, refused.header("X-Request-Id"));
        assertTrue(refusedLine.contains("status=401"), refusedLine);
        assertTrue(refusedLine.contains("organization=- admin=- token=-"), refusedLine);
        String redirectLine = lineOf(log, signInPage.headers().firstValue("X-Request-Id").orElse(null));
        assertTrue(redirectLine.contains("method=GET path=/keys/list.xhtml status=302"), "the redirect to sign-in is logged too: " + redirectLine);
    }

    @Test
    void aSingleServerKeepsItsSessionsInMemoryWithoutLookingForAClusterAtEveryRequest() {
        TestOrganization org = Organizations.create(base, "single-server");
        String mark = ServerLog.mark(base);

        PortalSession browser = PortalSession.signIn(base, org.adminUsername(), Organizations.PASSWORD);
        for (int i = 0; i < 3; i++) {
            assertEquals(200, browser.get("keys/list.xhtml").statusCode());
        }

        String log = ServerLog.since(base, mark);
        assertTrue(log.contains("path=/keys/list.xhtml status=200"), "the pages were served and logged");
        assertFalse(log.contains("Hazelcast is not enabled"), "the test server runs without Hazelcast, as ./keygate run does: "
                + log.lines().filter(line -> line.contains("Hazelcast")).findFirst().orElse(""));
        assertFalse(log.contains("attempting to load session from store"), "no session store is asked");
    }

    private static String lineOf(String log, String requestId) {
        assertTrue(requestId != null && !requestId.isBlank(), "every answer names its request");
        String[] lines = log.lines().filter(line -> line.contains("request request_id=" + requestId + " ")).toArray(String[]::new);
        assertEquals(1, lines.length, "one line per request, found " + lines.length + " for " + requestId);
        return lines[0];
    }

    private Map<String, Double> metrics() throws IOException, InterruptedException {
        HttpResponse<String> scraped = get("metrics?scope=application", "text/plain");
        assertEquals(200, scraped.statusCode(), scraped.body());
        Map<String, Double> samples = new LinkedHashMap<>();
        Matcher sample = SAMPLE.matcher(scraped.body());
        while (sample.find()) {
            samples.put(sample.group(1) + (sample.group(2) == null ? "" : sample.group(2)), Double.valueOf(sample.group(3)));
        }
        return samples;
    }

    /** The sum over the series of {@code name} whose labels contain {@code label} (all of them for ""). */
    private static Optional<Double> value(Map<String, Double> samples, String name, String label) {
        return samples.entrySet().stream()
                .filter(sample -> sample.getKey().equals(name) || sample.getKey().startsWith(name + "{"))
                .filter(sample -> sample.getKey().contains(label))
                .map(Map.Entry::getValue).reduce(Double::sum);
    }

    private static double increase(Map<String, Double> before, Map<String, Double> after, String name, String label) {
        return value(after, name, label).orElse(0.0) - value(before, name, label).orElse(0.0);
    }

    private HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base.toString()).resolve(path)).header("Accept", accept).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String latestMigration() {
        try (Stream<Path> files = Files.list(Path.of("..", "db"))) {
            return files.map(file -> file.getFileName().toString())
                    .map(name -> name.replaceFirst("^V(\\d+)__.*\\.sql$", "$1"))
                    .filter(number -> number.matches("\\d+"))
                    .max((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b))).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
