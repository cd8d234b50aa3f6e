package io.keygate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 9: {@code ./keygate cluster} as operators run it (PostgreSQL, two Payara Micro nodes in one Hazelcast cluster,
 * nginx in front, all on 127.0.0.1), driven the way users drive it: a browser and the API through the proxy, machines
 * with the enrollment client straight at each node. The tests share the one cluster (starting it takes a minute and a
 * half) but none reads another's data; they run in order because the last one stops a node, which the others need.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final Path REPOSITORY = Path.of(System.getProperty("repository.root", "..")).toAbsolutePath().normalize();
    private static final Path WORK = REPOSITORY.resolve("launcher/target/cluster-it");
    private static final Path DATA = WORK.resolve("data");
    private static final String ADMIN_PASSWORD = "cluster-admin-password-2026";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private static Process launcher;
    private static Properties cluster;
    private static HttpClient https;
    private static String proxy;
    private static int basePort;

    @BeforeAll
    static void startCluster() throws Exception {
        FileTree.empty(Files.createDirectories(WORK));
        basePort = freePortBlock();
        Map<String, String> environment = new HashMap<>(Map.of(
                "KEYGATE_DATA_DIR", DATA.toString(),
                "KEYGATE_PORT", Integer.toString(basePort),
                "KEYGATE_HTTPS_PORT", Integer.toString(basePort + 3),
                "KEYGATE_CLUSTER_PORT", Integer.toString(basePort + 4),
                "KEYGATE_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "KEYGATE_API_BASIC_AUTH", "true",
                "KEYGATE_LOG_FORMAT", "json",
                "KEYGATE_HEAP", "512m",
                "KEYGATE_SHUTDOWN_GRACE_SECONDS", "10"));
        launcher = start(List.of("cluster"), environment, WORK.resolve("cluster.log"));
        Path state = DATA.resolve("cluster.properties");
        Instant giveUp = Instant.now().plus(START_TIMEOUT);
        while (!Files.exists(state)) {
            assertTrue(launcher.isAlive(), "./keygate cluster ended during its start; see " + WORK.resolve("cluster.log"));
            assertTrue(Instant.now().isBefore(giveUp), "./keygate cluster did not start within " + START_TIMEOUT);
            Thread.sleep(500);
        }
        cluster = new Properties();
        try (InputStream in = Files.newInputStream(state)) {
            cluster.load(in);
        }
        proxy = "https://localhost:" + cluster.getProperty("proxy.https.port") + "/";
        https = HttpClient.newBuilder().sslContext(trusting(DATA.resolve("tls/keygate.crt"))).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stopCluster() throws InterruptedException {
        if (launcher != null) {
            launcher.destroy();
            if (!launcher.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)) {
                launcher.destroyForcibly();
            }
        }
    }

    @Test
    @Order(2)
    void enrollmentsSentToBothNodesAtOnceStopExactlyAtTheKeysLimitAndEveryRequestIsLoggedAsJson() throws Exception {
        JsonObject key = createKey("exactly-n", 150);
        List<Callable<Integer>> attempts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String node = i % 2 == 0 ? "node-1" : "node-2";
            int machine = i;
            attempts.add(() -> enroll(node, key.getString("provisioningKey"), "exact-" + machine).exitCode());
        }
        List<Integer> outcomes = runAll(attempts, 16);

        assertEquals(150, Collections.frequency(outcomes, 0), "enrolled, of 200 split across the nodes: " + outcomes);
        assertEquals(50, Collections.frequency(outcomes, 3), "refused as exhausted: " + outcomes);
        assertEquals(150, machinesOf(key), "machines the key enrolled");

        String log = Files.readString(WORK.resolve("cluster.log"), StandardCharsets.UTF_8);
        List<JsonObject> requests = log.lines().filter(line -> line.startsWith("{") && line.contains("\"request_id\""))
                .map(ClusterIT::json).filter(line -> "io.keygate.requests".equals(line.getString("LoggerName", ""))).toList();
        for (String status : List.of("201", "403")) {
            assertEquals(Collections.frequency(outcomes, "201".equals(status) ? 0 : 3), requests.stream()
                    .filter(line -> "/api/v1/enrollments".equals(line.getString("path", "")) && status.equals(line.getString("status", "")))
                    .count(), "one JSON object per enrollment answered " + status + " (the earlier guesses were answered 401 and 429)");
        }
        JsonObject created = requests.stream().filter(line -> "/api/v1/provisioning-keys".equals(line.getString("path", ""))
                && "201".equals(line.getString("status", ""))).findFirst().orElseThrow();
        assertEquals("admin", created.getString("admin"), created.toString());
        assertTrue(created.getString("duration_ms").matches("\\d+"), created.toString());
        assertFalse(log.contains(key.getString("provisioningKey").substring(key.getString("provisioningKey").indexOf("mpk_"))),
                "no key value in any node's log");
    }

    @Test
    @Order(1)
    void guessesAtOneKeySentToBothNodesAreRefusedFromExactlyTheLimitOnAsOneCountSpansTheCluster() throws Exception {
        JsonObject key = createKey("guessed", null);
        String value = key.getString("provisioningKey");
        // the right key id with another secret and its checksum: a well-formed guess, which counts against the key
        String token = value.substring(value.lastIndexOf('|') + 1);
        String keyId = token.substring(4, 20);
        char[] otherSecret = "A".repeat(43).toCharArray();
        String guess = value.substring(0, value.lastIndexOf('|') + 1) + "mpk_" + keyId + "_" + new String(otherSecret)
                + io.keygate.platform.api.TokenChecksum.of("mpk_", keyId, otherSecret);
        String csr = (String) csrMaker().invoke(null, keyPair(), "guess");
        String body = "{\"provisioningKey\":\"" + guess + "\",\"hostname\":\"guess\",\"fingerprint\":\"fp-guess\",\"csr\":\""
                + csr.replace("\n", "\\n") + "\"}";
        HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Callable<Integer>> guesses = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String node = i % 2 == 0 ? "node-1" : "node-2";
            // each from its own address, as the proxy on 127.0.0.1 (which the nodes trust) would say: only the key's limit applies
            String from = (i < 100 ? "198.51.100." : "203.0.113.") + (i % 100 + 1);
            guesses.add(() -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cluster.getProperty(node + ".port")
                    + "/api/v1/enrollments")).header("Content-Type", "application/json").header("X-Forwarded-For", from).header("X-Forwarded-Proto", "https")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        }
        List<Integer> statuses = runAll(guesses, 16);

        assertEquals(50, Collections.frequency(statuses, 401), "guesses answered before the key's limit of 50 a minute: " + statuses);
        assertEquals(150, Collections.frequency(statuses, 429), "refused as rate-limited: " + statuses);
    }

    @Test
    @Order(3)
    void aDumpRestoredIntoAFreshDatabaseServesANodeOnWhichEveryKeyStillVerifies() throws Exception {
        List<JsonObject> keys = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            keys.add(createKey("backup-" + i, null));
        }
        int databasePort = databasePort();
        Map<String, String> superuser = superuser();
        Path dump = WORK.resolve("keygate.dump");
        run(List.of("pg_dump", "-h", "127.0.0.1", "-p", Integer.toString(databasePort), "-U", "postgres", "-Fc", "-f", dump.toString(),
                "keygate"), superuser);
        superuserSql("postgres", "CREATE DATABASE keygate_restored OWNER keygate");
        run(List.of("pg_restore", "-h", "127.0.0.1", "-p", Integer.toString(databasePort), "-U", "postgres", "--exit-on-error",
                "-d", "keygate_restored", dump.toString()), superuser);

        Map<String, String> environment = new HashMap<>(Map.of(
                "KEYGATE_DATA_DIR", WORK.resolve("restored").toString(),
                "KEYGATE_PORT", Integer.toString(basePort + 6),
                "KEYGATE_HTTPS_PORT", Integer.toString(basePort + 7),
                "KEYGATE_DB_URL", "jdbc:postgresql://127.0.0.1:" + databasePort + "/keygate_restored",
                "KEYGATE_DB_USER", "keygate",
                "KEYGATE_DB_PASSWORD", Files.readString(DATA.resolve("db-password")).strip(),
                "KEYGATE_DB_APP_USER", "keygate_app",
                "KEYGATE_DB_APP_PASSWORD", Files.readString(DATA.resolve("db-app-password")).strip(),
                "KEYGATE_PEPPER_FILE", DATA.resolve("pepper").toString(),
                "KEYGATE_MASTER_KEY_FILE", DATA.resolve("master-key").toString()));
        environment.put("KEYGATE_HEAP", "512m");
        environment.put("KEYGATE_ADMIN_PASSWORD", ADMIN_PASSWORD);
        Process restored = start(List.of("run"), environment, WORK.resolve("restored.log"));
        try {
            String node = "http://127.0.0.1:" + (basePort + 6) + "/";
            awaitReady(node, restored);
            for (JsonObject key : keys) {
                Enrolled enrolled = enroll(node, key.getString("provisioningKey"), "restored-" + key.getString("name"));
                assertEquals(0, enrolled.exitCode(), key.getString("name") + " on the restored node: " + enrolled.output());
            }
        } finally {
            restored.destroy();
            restored.waitFor(1, java.util.concurrent.TimeUnit.MINUTES);
        }
    }

    @Test
    @Order(4)
    void signingOutOnOneNodeEndsTheSessionOnTheOtherNodeThatHeldACopyOfIt() throws Exception {
        NodeSession admin = new NodeSession(Map.of());
        admin.signIn("node-1", "admin", ADMIN_PASSWORD);
        Instant giveUp = Instant.now().plusSeconds(20);
        while (admin.get("node-2", "keys/list.xhtml").statusCode() != 200) {
            assertTrue(Instant.now().isBefore(giveUp), "the other node never served the session signed in on node-1");
            Thread.sleep(200);
        }
        NodeSession copied = new NodeSession(admin.cookies);

        admin.signOut("node-1");

        for (String node : List.of("node-2", "node-1")) {
            HttpResponse<String> replayed = copied.get(node, "keys/list.xhtml");
            assertEquals(302, replayed.statusCode(), "the signed-out session's cookies on " + node + ": " + replayed.body());
            assertTrue(replayed.headers().firstValue("Location").orElse("").endsWith("/login.xhtml"), replayed.headers().map().toString());
        }
    }

    @Test
    @Order(5)
    void aBrowserKeepsItsSessionAndSessionFilterWhenItsNodeStopsWhileRequestsInFlightFinish() throws Exception {
        JsonObject drained = createKey("drained", null);
        for (int i = 0; i < 3; i++) {
            createKey("failover-" + i, null);
        }
        JsonObject exported = createKey("exported", null);
        for (int i = 0; i < 20; i++) {
            assertEquals(0, enroll(i % 2 == 0 ? "node-1" : "node-2", exported.getString("provisioningKey"), "exported-" + i).exitCode());
        }
        WebDriver browser = browser();
        try {
            browser.get(proxy + "login.xhtml");
            type(browser, "login:username", "admin");
            type(browser, "login:password", ADMIN_PASSWORD);
            browser.findElement(By.id("login:sign-in")).click();
            waitFor(browser, By.id("nav-keys")).click();
            type(browser, "keys:chipName", "failover");
            click(browser, "keys:applyFilters");
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(driver -> rowNames(driver).size() == 3);
            click(browser, "keys:filterMenu_button");
            click(browser, "keys:saveApplied");
            type(browser, "saveFilterForm:name", "failover-session");
            browser.findElement(By.cssSelector("label[for='saveFilterForm:scope:0']")).click();
            click(browser, "saveFilterForm:save");
            new WebDriverWait(browser, Duration.ofSeconds(20))
                    .until(ExpectedConditions.textToBePresentInElementLocated(By.id("keys:savedFilters"), "failover-session"));

            String served = lastNodeOf("POST");
            long pid = Long.parseLong(cluster.getProperty(served + ".pid"));
            ProcessHandle node = ProcessHandle.of(pid).orElseThrow();
            fillAuditTrail(60_000);
            // an API token of its own: one export at a time per admin, and the admin exports machines below
            String exporter = post("api/v1/api-tokens", "{\"name\":\"stalled-exporter\",\"role\":\"ADMINISTRATOR\"}").getString("apiToken");
            StalledDownload outlasting = new StalledDownload(served, "api/v1/audit-events/export?format=csv", "Bearer " + exporter);
            Instant stopAt = Instant.now().plusSeconds(1);
            Instant sendUntil = stopAt.plusSeconds(5);
            AtomicInteger sentAfterStop = new AtomicInteger();
            ExecutorService machines = Executors.newFixedThreadPool(5);
            List<Future<List<Enrolled>>> inFlight = new ArrayList<>();
            AtomicInteger sequence = new AtomicInteger();
            for (int worker = 0; worker < 4; worker++) {
                inFlight.add(machines.submit(() -> {
                    List<Enrolled> results = new ArrayList<>();
                    while (Instant.now().isBefore(sendUntil)) {
                        if (Instant.now().isAfter(stopAt)) {
                            sentAfterStop.incrementAndGet();
                        }
                        results.add(enroll(served, drained.getString("provisioningKey"), "drain-" + sequence.incrementAndGet()));
                    }
                    return results;
                }));
            }
            Thread.sleep(Duration.between(Instant.now(), stopAt).toMillis());
            Instant stopped = Instant.now();
            assertTrue(node.destroy(), "SIGTERM to " + served);
            HttpClient plain = HttpClient.newHttpClient();
            Future<HttpResponse<String>> export = machines.submit(() -> {
                Thread.sleep(2000);
                return plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + cluster.getProperty(served + ".port")
                        + "/api/v1/machines/export?format=csv&provisioningKeyId=" + exported.getJsonNumber("id").longValue()))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD)
                                .getBytes(StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
            });
            URI readiness = URI.create("http://127.0.0.1:" + cluster.getProperty(served + ".port") + "/health/ready");
            int readyWhileStopping = 0;
            for (int poll = 0; poll < 20 && readyWhileStopping != 503; poll++) {
                Thread.sleep(100);
                readyWhileStopping = plain.send(HttpRequest.newBuilder(readiness).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            }
            List<Enrolled> results = new ArrayList<>();
            for (Future<List<Enrolled>> worker : inFlight) {
                results.addAll(worker.get());
            }
            HttpResponse<String> file = export.get();
            machines.shutdown();
            node.onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
            Duration stopTook = Duration.between(stopped, Instant.now());
            byte[] cutOff = outlasting.rest();

            assertTrue(stopTook.compareTo(Duration.ofSeconds(30)) <= 0, "a node stops within 30 s, took " + stopTook);
            assertTrue(sentAfterStop.get() > 0, "requests reached the node while it was stopping");
            assertEquals(503, readyWhileStopping, "a stopping node says it is not ready while it still serves");
            List<Enrolled> unfinished = results.stream().filter(result -> result.exitCode() != 0).toList();
            assertEquals(List.of(), unfinished, "every enrollment sent during the shutdown grace finished");
            assertEquals(results.size(), machinesOf(drained), "each finished enrollment left exactly one machine, no half-done one");
            assertEquals(200, file.statusCode(), "an export asked for while the node stops: " + file.body());
            assertEquals(21, file.body().lines().count(), "the whole file, header and 20 machines: " + file.body());
            assertTrue(outlasting.head().startsWith("HTTP/1.1 200") && outlasting.head().toLowerCase(java.util.Locale.ROOT)
                    .contains("transfer-encoding: chunked"), outlasting.head());
            String tail = new String(cutOff, Math.max(0, cutOff.length - 5), Math.min(5, cutOff.length), StandardCharsets.ISO_8859_1);
            assertFalse(tail.equals("0\r\n\r\n"), "an export still running when the grace ended is cut off without the stream's end, "
                    + "so no client takes it for the whole trail");
            JsonObject traced = get("api/v1/audit-events?search=" + outlasting.requestId());
            List<String> actions = traced.getJsonArray("list").getValuesAs(JsonObject.class).stream()
                    .map(event -> event.getString("action")).toList();
            assertTrue(actions.contains("export.start"), "the cut-off export was audited as it started: " + traced);

            String other = served.equals("node-1") ? "node-2" : "node-1";
            // the page the stopped node rendered still works: its view state and view-scoped table are in the shared session
            type(browser, "keys:chipName", "failover-1");
            click(browser, "keys:applyFilters");
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> rowNames(driver).size() == 1);
            assertEquals(other, lastNodeOf("POST"), "the other node answered the page's postback");

            browser.get(proxy + "keys/list.xhtml");
            click(browser, "keys:savedFilters");
            new WebDriverWait(browser, Duration.ofSeconds(20))
                    .until(ExpectedConditions.textToBePresentInElementLocated(By.id("keys:savedFiltersPanel"), "failover-session"));
            String panel = browser.findElement(By.id("keys:savedFiltersPanel")).getText();
            assertTrue(panel.contains("This session"), panel);
            assertFalse(browser.getCurrentUrl().contains("login.xhtml"), "still signed in: " + browser.getCurrentUrl());
            assertEquals(other, lastNodeOf("GET"), "the other node carried on");
        } finally {
            browser.quit();
        }
    }

    private record Enrolled(int exitCode, String output) {
    }

    /** {@code rows} audit events of the default organisation, about 300 bytes each in a CSV, written as the database's superuser. */
    private static void fillAuditTrail(int rows) throws Exception {
        superuserSql("keygate", "INSERT INTO audit_event (occurred_at, organization_id, actor_type, actor_name, action, resource_type, "
                + "resource_id, resource_name, outcome, details, source_address, request_id) SELECT now(), (SELECT id FROM organization "
                + "WHERE name = 'default'), 'SYSTEM', 'cluster-it', 'bulk.fill', 'bulk', g::text, 'filler-' || g, 'SUCCESS', "
                + "'{\"filler\":\"' || repeat('x', 200) || '\"}', '127.0.0.1', 'fill-' || g FROM generate_series(1, " + rows + ") g");
    }

    /** The embedded PostgreSQL's port, from its pid file. */
    private static int databasePort() throws IOException {
        return Integer.parseInt(Files.readAllLines(DATA.resolve("postgres/postmaster.pid")).get(3).strip());
    }

    /** The environment that lets PostgreSQL's tools in as its superuser. */
    private static Map<String, String> superuser() throws IOException {
        return Map.of("PGPASSWORD", Files.readString(DATA.resolve("db-admin-password")).strip());
    }

    /** One statement run by psql as the superuser in {@code database}; fails the test when psql does. */
    private static void superuserSql(String database, String sql) throws Exception {
        run(List.of("psql", "-h", "127.0.0.1", "-p", Integer.toString(databasePort()), "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-c",
                sql, database), superuser());
    }

    /**
     * A download straight from a node whose client reads the answer's head and then nothing: with a small receive
     * buffer, the node's writing blocks within a few megabytes and the export stays in flight for as long as the test
     * wants.
     */
    private static final class StalledDownload {

        private final java.net.Socket socket = new java.net.Socket();
        private final String head;

        StalledDownload(String node, String path, String authorization) throws IOException {
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", Integer.parseInt(cluster.getProperty(node + ".port"))), 10_000);
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(("GET /" + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + authorization + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            StringBuilder read = new StringBuilder();
            while (!read.toString().endsWith("\r\n\r\n")) {
                int next = in.read();
                if (next < 0) {
                    throw new IOException("the node closed the connection before its answer's head ended: " + read);
                }
                read.append((char) next);
            }
            head = read.toString();
        }

        String head() {
            return head;
        }

        String requestId() {
            return head.lines().filter(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith("x-request-id:"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip()).findFirst().orElseThrow(() -> new AssertionError(head));
        }

        /** Everything after the head, up to the moment the connection ends (closed or reset). */
        byte[] rest() throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            try (socket) {
                InputStream in = socket.getInputStream();
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    body.write(buffer, 0, n);
                }
            } catch (java.net.SocketException reset) {
                // a connection the stopping node reset ends the download as surely as one it closed
            }
            return body.toByteArray();
        }
    }

    /**
     * A browser's cookies sent to whichever node a test names, over the node's own plain-HTTP port (served as is to a
     * client on this machine), as the proxy would route them; the cookies are kept by hand, so they can be copied.
     */
    private static final class NodeSession {

        private static final Pattern VIEW_STATE = Pattern.compile(
                "name=\"jakarta\\.faces\\.ViewState\"[^>]*value=\"([^\"]+)\"");
        private final Map<String, String> cookies;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

        NodeSession(Map<String, String> cookies) {
            this.cookies = new LinkedHashMap<>(cookies);
        }

        void signIn(String node, String username, String password) throws Exception {
            String viewState = viewState(get(node, "login.xhtml").body());
            HttpResponse<String> signedIn = post(node, "login.xhtml", Map.of("login", "login", "login:username", username,
                    "login:password", password, "login:sign-in", "", "jakarta.faces.ViewState", viewState));
            assertEquals(302, signedIn.statusCode(), signedIn.body());
            assertFalse(signedIn.headers().firstValue("Location").orElse("").contains("login.xhtml"), "signed in");
        }

        void signOut(String node) throws Exception {
            String viewState = viewState(get(node, "keys/list.xhtml").body());
            HttpResponse<String> signedOut = post(node, "keys/list.xhtml", Map.of("account", "account", "account:sign-out", "",
                    "jakarta.faces.ViewState", viewState));
            assertEquals(302, signedOut.statusCode(), signedOut.body());
            assertTrue(signedOut.headers().firstValue("Location").orElse("").contains("login.xhtml"), "signed out");
        }

        HttpResponse<String> get(String node, String path) throws Exception {
            return send(HttpRequest.newBuilder(nodeUri(node, path)).GET());
        }

        private HttpResponse<String> post(String node, String path, Map<String, String> fields) throws Exception {
            String body = fields.entrySet().stream().map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            return send(HttpRequest.newBuilder(nodeUri(node, path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
            if (!cookies.isEmpty()) {
                request.header("Cookie", cookies.entrySet().stream().map(cookie -> cookie.getKey() + "=" + cookie.getValue())
                        .collect(Collectors.joining("; ")));
            }
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            for (String set : response.headers().allValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                cookies.put(pair.substring(0, pair.indexOf('=')).trim(), pair.substring(pair.indexOf('=') + 1).trim());
            }
            return response;
        }

        private static URI nodeUri(String node, String path) {
            return URI.create("http://127.0.0.1:" + cluster.getProperty(node + ".port") + "/" + path);
        }

        private static String viewState(String page) {
            Matcher matcher = VIEW_STATE.matcher(page);
            assertTrue(matcher.find(), "a page with a form");
            return matcher.group(1).replace("&#58;", ":").replace("&amp;", "&");
        }
    }

    /** The enrollment client's own CSR maker (package-private there), so a guess carries a CSR that passes every check. */
    private static java.lang.reflect.Method csrMaker() throws ReflectiveOperationException {
        java.lang.reflect.Method pem = Class.forName("io.keygate.enroll.CertificateSigningRequest")
                .getDeclaredMethod("pem", java.security.KeyPair.class, String.class);
        pem.setAccessible(true);
        return pem;
    }

    private static java.security.KeyPair keyPair() throws ReflectiveOperationException {
        java.lang.reflect.Method generate = Class.forName("io.keygate.enroll.CertificateSigningRequest").getDeclaredMethod("newKeyPair");
        generate.setAccessible(true);
        return (java.security.KeyPair) generate.invoke(null);
    }

    /** The enrollment client, as a machine runs it, straight at a node over plain HTTP on this machine. */
    private static Enrolled enroll(String nodeOrUrl, String key, String hostname) throws IOException {
        String server = nodeOrUrl.startsWith("http") ? nodeOrUrl : "http://127.0.0.1:" + cluster.getProperty(nodeOrUrl + ".port") + "/";
        Path directory = Files.createTempDirectory(WORK, "machine-");
        Path keyFile = directory.resolve("key");
        Files.writeString(keyFile, key);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            int code = io.keygate.enroll.Main.run(new String[] {"--key-file", keyFile.toString(), "--out", directory.resolve("out").toString(),
                "--hostname", hostname, "--fingerprint", "fp-" + hostname, "--server", server, "--plain-http"}, out, out);
            return new Enrolled(code, output.toString(StandardCharsets.UTF_8));
        }
    }

    private static JsonObject createKey(String name, Integer maxUsage) throws Exception {
        long group = post("api/v1/machine-groups", "{\"name\":\"" + name + "-group\",\"enabled\":true}").getJsonNumber("id").longValue();
        long certificate = get("api/v1/signing-certificates?name=Client").getJsonArray("list").getJsonObject(0).getJsonNumber("id").longValue();
        return post("api/v1/provisioning-keys", "{\"name\":\"" + name + "\",\"machineGroupId\":" + group + ",\"signingCertificateId\":"
                + certificate + (maxUsage == null ? "" : ",\"maxUsage\":" + maxUsage) + "}");
    }

    private static long machinesOf(JsonObject key) throws Exception {
        return get("api/v1/machines?pageSize=1&provisioningKeyId=" + key.getJsonNumber("id").longValue()).getJsonNumber("totalCount").longValue();
    }

    private static JsonObject get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(proxy + path)).GET(), 200);
    }

    private static JsonObject post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(proxy + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), 201);
    }

    private static JsonObject send(HttpRequest.Builder request, int expected) throws Exception {
        String basic = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = https.send(request.header("Authorization", "Basic " + basic).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, response.statusCode(), response.body());
        return json(response.body());
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    /** The node that served the proxy's latest request of this method, from its access log. */
    private static String lastNodeOf(String method) throws IOException {
        List<String> lines = Files.readAllLines(Path.of(cluster.getProperty("proxy.access.log")));
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains("\"" + method + " ")) {
                String upstream = lines.get(i).replaceAll(".* node=(.+?) request_id=.*", "$1");
                String[] tried = upstream.split(",");
                String port = tried[tried.length - 1].strip().replaceAll(".*:", "");
                return port.equals(cluster.getProperty("node-1.port")) ? "node-1" : "node-2";
            }
        }
        throw new AssertionError("no " + method + " in the proxy's access log");
    }

    private static List<String> rowNames(WebDriver driver) {
        try {
            return driver.findElements(By.cssSelector("[id='keys:table_data'] tr[data-ri]")).stream().map(WebElement::getText).toList();
        } catch (StaleElementReferenceException reRendered) {
            return List.of();
        }
    }

    private static WebDriver browser() throws Exception {
        Certificate certificate;
        try (InputStream pem = Files.newInputStream(DATA.resolve("tls/keygate.crt"))) {
            certificate = CertificateFactory.getInstance("X.509").generateCertificate(pem);
        }
        String spki = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded()));
        Path profile = Files.createTempDirectory(WORK, "chromium-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--no-first-run", "--window-size=1280,900", "--user-data-dir=" + profile,
                // the cluster's self-signed certificate, accepted once as an admin would
                "--ignore-certificate-errors-spki-list=" + spki);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new java.io.File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static WebElement waitFor(WebDriver browser, By locator) {
        return new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    private static void type(WebDriver browser, String id, String text) {
        WebElement input = waitFor(browser, By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    private static void click(WebDriver browser, String id) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(ElementClickInterceptedException.class)
                .ignoring(StaleElementReferenceException.class).until(driver -> {
                    waitFor(driver, By.id(id)).click();
                    return true;
                });
    }

    private static <T> List<T> runAll(List<Callable<T>> tasks, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> future : pool.invokeAll(tasks)) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }

    private static Process start(List<String> command, Map<String, String> environment, Path log) throws IOException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                REPOSITORY.resolve("launcher/target/keygate-launcher.jar").toString()));
        line.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(line).directory(REPOSITORY.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("KEYGATE_"));
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static void awaitReady(String node, Process process) throws Exception {
        HttpClient plain = HttpClient.newHttpClient();
        Instant giveUp = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(giveUp)) {
            assertTrue(process.isAlive(), "the node ended during its start");
            try {
                if (plain.send(HttpRequest.newBuilder(URI.create(node + "health/ready")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError(node + " did not become ready within " + START_TIMEOUT);
    }

    private static void run(List<String> command, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + output);
    }

    /** Nine consecutive ports free on loopback: the proxy's two, the nodes', Hazelcast's, and a restored node's two. */
    private static int freePortBlock() {
        for (int attempt = 0; attempt < 50; attempt++) {
            // below Linux's ephemeral range (32768 on), where the cluster's own outgoing connections take their ports
            int base = ThreadLocalRandom.current().nextInt(15_000, 32_000);
            boolean free = true;
            for (int port = base; port < base + 9 && free; port++) {
                free = FreePort.isFree("127.0.0.1", port);
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no nine consecutive free ports on 127.0.0.1");
    }

    private static SSLContext trusting(Path certificateFile) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream pem = Files.newInputStream(certificateFile)) {
            trust.setCertificateEntry("keygate", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
