package io.keygate.web.enrollment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.keys.api.KeyValue;
import io.keygate.web.support.Deployments;
import io.keygate.web.support.Enrollments;
import io.keygate.web.support.KeySetup;
import io.keygate.web.support.Organizations;
import io.keygate.web.support.Organizations.TestOrganization;
import io.keygate.web.support.Response;
import io.keygate.web.support.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.ByteArrayInputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** POST /api/v1/enrollments as machines use it (E1-E5, E7): the check order, the answers, and exactly N under concurrency. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EnrollmentApiIT {

    private static final String KEYS = "api/v1/provisioning-keys";
    private static final String MACHINES = "api/v1/machines";
    /** The address the bad-requests test sends from (behind the test server's trusted proxy), so its failures count alone. */
    private static final String BAD_CLIENT = "203.0.113.77";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.keygateWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void enrollsWithASignedChainAndReEnrollsOnlyWhenTheKeyAllowsIt() throws Exception {
        Setup setup = Setup.of(base, "enroll-chain");
        Key once = setup.key("once", b -> b.add("maxUsage", 5));
        Key again = setup.key("again", b -> b.add("allowReEnrollment", true));
        KeyPair machine = Enrollments.ecKeys();

        Response enrolled = enroll(once.value, "build-01", "fp-build-01", Enrollments.csr(machine, "SHA256withECDSA"));
        assertEquals(201, enrolled.status(), enrolled.toString());
        JsonObject body = enrolled.json();
        List<X509Certificate> chain = chain(body.getString("certificateChain"));
        assertEquals(3, chain.size(), "machine, intermediate 'Client', root");
        for (int i = 0; i < chain.size() - 1; i++) {
            chain.get(i).verify(chain.get(i + 1).getPublicKey());
        }
        chain.get(2).verify(chain.get(2).getPublicKey());
        X509Certificate leaf = chain.get(0);
        assertEquals(machine.getPublic(), leaf.getPublicKey());
        assertTrue(leaf.getSubjectX500Principal().getName().contains("CN=build-01"), leaf.getSubjectX500Principal().getName());
        assertTrue(leaf.getSubjectX500Principal().getName().contains("O=" + setup.org.name()), leaf.getSubjectX500Principal().getName());
        assertEquals(List.of("1.3.6.1.5.5.7.3.2"), leaf.getExtendedKeyUsage());
        assertEquals(leaf.getSerialNumber().toString(16), body.getString("certificateSerial"));
        assertEquals("group-enroll-chain", body.getString("machineGroup"));
        assertEquals(setup.groupId, body.getJsonNumber("machineGroupId").longValue());
        assertTrue(enrolled.header("Location").endsWith("/api/v1/machines/" + body.getJsonNumber("machineId").longValue()));
        assertEquals(1, usage(once.id));
        assertEquals(List.of("build-01|fp-build-01|ACTIVE"), machines(once.id));
        assertEquals("127.0.0.1", single("SELECT last_used_address FROM provisioning_key WHERE id = " + once.id));

        Response twice = enroll(once.value, "build-01", "fp-build-01", Enrollments.csr(machine, "SHA256withECDSA"));
        assertRefused(twice, 409, "already_enrolled");
        assertEquals(1, usage(once.id), "a refused enrollment consumes nothing");

        long first = enroll(again.value, "db-01", "fp-db-01", Enrollments.csr()).json().getJsonNumber("machineId").longValue();
        Response renewed = enroll(again.value, "db-01-renamed", "fp-db-01", Enrollments.csr());
        assertEquals(200, renewed.status(), renewed.toString());
        assertTrue(renewed.json().getBoolean("reEnrolled"));
        assertEquals(first, renewed.json().getJsonNumber("machineId").longValue(), "the same machine record");
        assertEquals(1, usage(again.id), "a re-enrollment consumes no use");
        assertEquals(List.of("db-01-renamed|fp-db-01|ACTIVE"), machines(again.id));
        assertEquals("ACTIVE=1,SUPERSEDED=1", single("SELECT string_agg(status || '=' || n, ',' ORDER BY status) FROM (SELECT status, count(*) n "
                + "FROM machine_certificate WHERE machine_id = " + first + " GROUP BY status) s"));
        assertEquals("1", single("SELECT count(*) FROM audit_event WHERE action = 'enrollment.create' AND outcome = 'SUCCESS' "
                + "AND organization_id = " + setup.org.id() + " AND details::jsonb ->> 'reEnrolled' = 'true'"));
    }

    @Test
    void listsFiltersAndRemovesMachinesWithinTheOrganisation() throws Exception {
        Setup setup = Setup.of(base, "enroll-machines");
        Key web = setup.key("web", b -> b);
        Key db = setup.key("db", b -> b.add("maxUsage", 3));
        long webOne = enroll(web.value, "web-01", "fp-web-01", Enrollments.csr()).json().getJsonNumber("machineId").longValue();
        enroll(web.value, "web-02", "fp-web-02", Enrollments.csr());
        long dbOne = enroll(db.value, "DB-01", "fp-db-01", Enrollments.csr()).json().getJsonNumber("machineId").longValue();

        assertEquals(List.of("DB-01", "web-01", "web-02"), hostnames(setup.org.api().get(MACHINES + "?sort=hostname")));
        assertEquals(List.of("web-01", "web-02"), hostnames(setup.org.api().get(MACHINES + "?provisioningKeyId=" + web.id)));
        assertEquals(List.of("DB-01"), hostnames(setup.org.api().get(MACHINES + "?search=FP-DB")));
        assertEquals(List.of("web-02"), hostnames(setup.org.api().get(MACHINES + "?hostname=02&machineGroupId=" + setup.groupId)));
        JsonObject one = setup.org.api().get(MACHINES + "/" + dbOne).json();
        assertEquals("ACTIVE", one.getString("status"));
        assertEquals("ACTIVE", one.getString("certificateStatus"));
        assertEquals(db.id, one.getJsonNumber("provisioningKeyId").longValue());

        TestOrganization stranger = Organizations.create(base, "enroll-machines-other");
        assertEquals(404, stranger.api().get(MACHINES + "/" + dbOne).status());
        assertEquals(404, stranger.api().delete(MACHINES + "/" + dbOne).status());
        assertEquals(List.of(), hostnames(stranger.api().get(MACHINES)));
        String reader = "reader-" + setup.org.name();
        assertEquals(201, setup.org.api().post("api/v1/admins", "{\"username\":\"" + reader + "\",\"password\":\"" + Organizations.PASSWORD
                + "\",\"role\":\"READ_ONLY\"}").status());
        io.keygate.web.support.ApiClient readOnly = io.keygate.web.support.ApiClient.as(base, reader, Organizations.PASSWORD);
        assertEquals(200, readOnly.get(MACHINES + "/" + dbOne).status());
        assertEquals(403, readOnly.delete(MACHINES + "/" + dbOne).status());

        assertEquals(204, setup.org.api().delete(MACHINES + "/" + dbOne).status());
        JsonObject removed = setup.org.api().get(MACHINES + "/" + dbOne).json();
        assertEquals("REMOVED", removed.getString("status"));
        assertEquals("REVOKED", removed.getString("certificateStatus"));
        assertEquals(List.of("DB-01"), hostnames(setup.org.api().get(MACHINES + "?status=removed")));
        assertEquals(2, setup.org.api().get("api/v1/machine-groups/" + setup.groupId).json().getInt("machineCount"), "removed machines do not count");
        assertEquals("1", single("SELECT count(*) FROM audit_event WHERE action = 'machine.remove' AND resource_id = '" + dbOne + "'"));

        Response back = enroll(db.value, "DB-01", "fp-db-01", Enrollments.csr());
        assertEquals(201, back.status(), "a removed machine enrolls again as a new machine: " + back);
        assertNotEquals(dbOne, back.json().getJsonNumber("machineId").longValue());
        assertEquals(2, usage(db.id));
        assertTrue(webOne > 0);
    }

    private static List<String> hostnames(Response list) {
        assertEquals(200, list.status(), list.toString());
        return list.list().getValuesAs(JsonObject.class).stream().map(m -> m.getString("hostname")).toList();
    }

    @Test
    void answersInvalidKeyAlikeUntilTheSecretMatchesThenThePreciseReason() throws Exception {
        Setup setup = Setup.of(base, "enroll-reasons");
        Key key = setup.key("valid", b -> b);
        KeyValue parsed = KeyValue.parse(key.value);
        char[] otherSecret = KeyValue.parse(setup.key("other", b -> b).value).secret();
        String wrongSecret = new KeyValue(parsed.host(), parsed.keyId(), otherSecret).reveal();
        String unknownKeyId = new KeyValue(parsed.host(), "ZZZZZZZZZZZZZZZZ", parsed.secret()).reveal();
        String badChecksum = key.value.substring(0, key.value.length() - 1) + (key.value.endsWith("A") ? "B" : "A");
        Key deleted = setup.key("deleted", b -> b);
        assertEquals(204, setup.org.api().delete(KEYS + "/" + deleted.id).status());

        List<String> bodies = new ArrayList<>();
        for (String value : List.of("hello", badChecksum, wrongSecret, unknownKeyId, deleted.value, "")) {
            Response refused = enroll(value, "host", "fp-" + bodies.size(), Enrollments.csr());
            assertRefused(refused, 401, "invalid_key");
            bodies.add(refused.body());
        }
        assertEquals(1, bodies.stream().distinct().count(), "one answer for every failure before the secret matches: " + bodies);
        assertEquals(0, usage(key.id));

        Key disabled = setup.key("disabled", b -> b.add("enabled", false));
        assertRefused(enroll(disabled.value, "h", "fp", Enrollments.csr()), 403, "key_disabled");
        Key expired = setup.key("expired", b -> b);
        update("UPDATE provisioning_key SET expires_at = now() - interval '1 minute' WHERE id = " + expired.id);
        assertRefused(enroll(expired.value, "h", "fp", Enrollments.csr()), 403, "key_expired");
        Key elsewhere = setup.key("elsewhere", b -> b.add("ipAllowList", Json.createArrayBuilder().add("203.0.113.0/24")));
        assertRefused(enroll(elsewhere.value, "h", "fp", Enrollments.csr()), 403, "ip_not_allowed");
        Key single = setup.key("single", b -> b.add("maxUsage", 1));
        assertEquals(201, enroll(single.value, "h1", "fp1", Enrollments.csr()).status());
        assertRefused(enroll(single.value, "h2", "fp2", Enrollments.csr()), 403, "key_exhausted");
        update("UPDATE machine_group SET enabled = false WHERE id = " + setup.groupId);
        assertRefused(enroll(key.value, "h", "fp", Enrollments.csr()), 403, "group_disabled");
        update("UPDATE machine_group SET enabled = true WHERE id = " + setup.groupId);
        assertEquals(201, enroll(key.value, "h", "fp", Enrollments.csr()).status(), "the same key works again once its group does");

        Map<String, String> reasons = new TreeMap<>();
        try (Connection db = TestDatabase.connect();
             PreparedStatement select = db.prepareStatement("SELECT reason, count(*) FROM audit_event WHERE action = 'enrollment.create' "
                     + "AND outcome = 'FAILURE' AND (organization_id = ? OR organization_id IS NULL AND details LIKE ?) GROUP BY reason")) {
            select.setLong(1, setup.org.id());
            select.setString(2, "%" + parsed.keyId() + "%");
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    reasons.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        for (String reason : List.of("wrong_secret", "key_disabled", "key_expired", "ip_not_allowed", "key_exhausted", "group_disabled")) {
            assertTrue(reasons.containsKey(reason), reason + " is audited: " + reasons);
        }
        assertEquals("0", single("SELECT count(*) FROM audit_event WHERE details LIKE '%" + new String(parsed.secret()) + "%' "
                + "OR details LIKE '%" + new String(otherSecret) + "%'"), "no key secret in the audit trail");
    }

    @Test
    void takesAHostnameAsLongAsACertificateNameMayBe() {
        Setup setup = Setup.of(base, "enroll-long-name");
        Key key = setup.key("key", b -> b);

        Response enrolled = enroll(key.value, "h".repeat(64), "fp-long-name", Enrollments.csr());

        assertEquals(201, enrolled.status(), "64 characters, the CN's bound (65 is a 400, not the 500 it once was): " + enrolled);
    }

    @Test
    void refusesBadRequestsNamingTheProblemAndWritesNothing() throws Exception {
        Setup setup = Setup.of(base, "enroll-bad");
        Key key = setup.key("key", b -> b);

        assertRefused(enrollFrom(BAD_CLIENT, key.value, null, "fp", Enrollments.csr()), 400, "hostname_missing");
        assertRefused(enrollFrom(BAD_CLIENT, key.value, "h", " ", Enrollments.csr()), 400, "fingerprint_missing");
        assertRefused(enrollFrom(BAD_CLIENT, key.value, "h\u0000x", "fp", Enrollments.csr()), 400, "hostname_invalid");
        assertRefused(enrollFrom(BAD_CLIENT, key.value, "h".repeat(256), "fp", Enrollments.csr()), 400, "hostname_too_long");
        assertRefused(enrollFrom(BAD_CLIENT, key.value, "h".repeat(65), "fp", Enrollments.csr()), 400, "hostname_too_long");
        assertRefused(enrollFrom(BAD_CLIENT, key.value, "h", "fp", "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n"), 400,
                "csr_unreadable");
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        KeyPair weak = rsa.generateKeyPair();
        assertRefused(enrollFrom(BAD_CLIENT, key.value, "h", "fp", Enrollments.csr(weak, "SHA256withRSA")), 400, "csr_key_weak");
        assertRefused(Enrollments.post(base, utf8("{\"hostname\": 7}"), BAD_CLIENT), 400, "hostname_invalid");
        assertRefused(Enrollments.post(base, utf8("[1, 2]"), BAD_CLIENT), 400, "body_invalid");
        assertRefused(Enrollments.post(base, utf8("{\"hostname\": \"a"), BAD_CLIENT), 400, "body_invalid");
        assertRefused(Enrollments.post(base, utf8("{\"os\": \"" + "x".repeat(70_000) + "\"}"), BAD_CLIENT), 413, "body_too_large");
        assertRefused(Enrollments.post(base, new byte[] {'{', '"', 'o', 's', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}, BAD_CLIENT), 400,
                "body_invalid");
        assertEquals("12", single("SELECT count(*) FROM audit_event WHERE action = 'enrollment.create' AND outcome = 'FAILURE' "
                + "AND details LIKE '%" + BAD_CLIENT + "%'"), "every refused request is audited with its reason");
        for (int i = 12; i < 20; i++) {
            assertRefused(Enrollments.post(base, utf8("[]"), BAD_CLIENT), 400, "body_invalid");
        }
        assertRefused(Enrollments.post(base, utf8("[]"), BAD_CLIENT), 429, "rate_limited");

        assertEquals(0, usage(key.id));
        assertEquals(List.of(), machines(key.id));
    }

    @Test
    void neverEnrollsMoreMachinesThanTheKeyAllowsUnderConcurrency() throws Exception {
        Setup setup = Setup.of(base, "enroll-race");
        List<String> requests = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            requests.add(Enrollments.csr());
        }
        for (int run = 0; run < 10; run++) {
            Key key = setup.key("fifty-" + run, b -> b.add("maxUsage", 50));
            Map<Integer, Integer> statuses = race(key, requests);
            assertEquals(Map.of(201, 50, 403, 150), statuses, "run " + run);
            assertEquals(50, usage(key.id), "run " + run);
            assertEquals(50, machines(key.id).size(), "run " + run);
        }
        Key once = setup.key("once", b -> b.add("maxUsage", 1));
        assertEquals(Map.of(201, 1, 403, 99), race(once, requests.subList(0, 100)));
        assertEquals(1, usage(once.id));
        assertEquals(1, machines(once.id).size());
    }

    @Test
    void answersTwoThousandMalformedPayloadsWithoutOneServerErrorOrInternalDetail() throws Exception {
        Setup setup = Setup.of(base, "enroll-fuzz");
        Key key = setup.key("fuzzed", b -> b);
        String goodCsr = Enrollments.csr();
        java.util.Random random = new java.util.Random(20261127);
        String[] fields = {"provisioningKey", "hostname", "fingerprint", "os", "csr"};
        String[] required = {"provisioningKey", "hostname", "fingerprint", "csr"};
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < 2_000; i++) {
            byte[] payload = switch (i % 8) {
                case 0 -> randomBytes(random, random.nextInt(300));
                case 1 -> {
                    // a field of the wrong JSON type
                    JsonObjectBuilder body = valid(key.value, goodCsr, i);
                    String field = fields[random.nextInt(fields.length)];
                    switch (random.nextInt(4)) {
                        case 0 -> body.add(field, random.nextInt());
                        case 1 -> body.add(field, Json.createArrayBuilder().add("x"));
                        case 2 -> body.add(field, Json.createObjectBuilder().add("nested", true));
                        default -> body.add(field, random.nextBoolean());
                    }
                    yield utf8(body.build().toString());
                }
                case 2 -> {
                    // a required field missing, null or huge (os is optional)
                    JsonObjectBuilder body = valid(key.value, goodCsr, i);
                    String field = required[random.nextInt(required.length)];
                    switch (random.nextInt(3)) {
                        case 0 -> body.remove(field);
                        case 1 -> body.addNull(field);
                        default -> body.add(field, "x".repeat(1_000 + random.nextInt(50_000)));
                    }
                    yield utf8(body.build().toString());
                }
                case 3 -> {
                    // the key with one character changed: a bad checksum
                    char[] mutated = key.value.toCharArray();
                    int at = key.value.indexOf("mpk_") + 4 + random.nextInt(60);
                    mutated[at] = mutated[at] == 'a' ? 'b' : 'a';
                    yield utf8(valid(new String(mutated), goodCsr, i).build().toString());
                }
                case 4 -> utf8(valid(key.value, "-----BEGIN CERTIFICATE REQUEST-----\n"
                        + java.util.Base64.getEncoder().encodeToString(randomBytes(random, 200)) + "\n-----END CERTIFICATE REQUEST-----\n", i)
                        .build().toString());
                case 5 -> {
                    // valid JSON text cut anywhere
                    String text = valid(key.value, goodCsr, i).build().toString();
                    yield utf8(text.substring(0, random.nextInt(text.length())));
                }
                case 6 -> {
                    // invalid UTF-8 inside a string
                    byte[] text = utf8(valid(key.value, goodCsr, i).build().toString());
                    text[text.length / 2] = (byte) (0x80 + random.nextInt(0x40));
                    yield text;
                }
                default -> utf8("[".repeat(1 + random.nextInt(20_000)));
            };
            // spread over addresses, so the per-address limit (E6, tested on its own) does not hide the answers
            Response response = Enrollments.post(base, payload, "198.51.100." + (i % 250 + 1));
            statuses.merge(response.status(), 1, Integer::sum);
            assertTrue(response.status() < 500, "payload " + i + ": " + response);
            assertFalse(response.body().contains("Exception") || response.body().contains("io.keygate") || response.body().contains("java.")
                    || response.body().contains("\tat "), "payload " + i + ": " + response.body());
        }
        assertEquals(0, usage(key.id), statuses.toString());
        assertEquals(List.of(), machines(key.id));
    }

    @Test
    void limitsFailuresPerAddressAndPerKeyIdWithoutLockingOutOthers() throws Exception {
        Setup setup = Setup.of(base, "enroll-limits");
        Key key = setup.key("limited", b -> b);
        KeyValue parsed = KeyValue.parse(key.value);
        String guess = new KeyValue(parsed.host(), parsed.keyId(), KeyValue.parse(setup.key("guess", b -> b).value).secret()).reveal();
        String other = new KeyValue(parsed.host(), "Guess0000000000A", parsed.secret()).reveal();

        for (int i = 0; i < 20; i++) {
            assertRefused(Enrollments.enrollFrom(base, "203.0.113.66", other, "h", "fp"), 401, "invalid_key");
        }
        Response limited = Enrollments.enrollFrom(base, "203.0.113.66", key.value, "h", "fp");
        assertRefused(limited, 429, "rate_limited");
        long retryAfter = Long.parseLong(limited.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertEquals(201, Enrollments.enrollFrom(base, "203.0.113.67", key.value, "ok-1", "fp-ok-1").status(), "another address is unaffected");

        for (int i = 0; i < 50; i++) {
            assertRefused(Enrollments.enrollFrom(base, "198.51.100." + (i + 1), guess, "h", "fp"), 401, "invalid_key");
        }
        assertRefused(Enrollments.enrollFrom(base, "198.51.100.200", guess, "h", "fp"), 429, "rate_limited");
        Key second = setup.key("second", b -> b);
        assertEquals(201, Enrollments.enrollFrom(base, "198.51.100.201", second.value, "ok-2", "fp-ok-2").status(), "another keyId is unaffected");

        Key onlyThere = setup.key("only-there", b -> b.add("ipAllowList", Json.createArrayBuilder().add("203.0.113.0/24")));
        assertEquals(201, Enrollments.enrollFrom(base, "203.0.113.5", onlyThere.value, "ok-3", "fp-ok-3").status(), "the allow-list sees the client");
        assertEquals("203.0.113.5", single("SELECT last_used_address FROM provisioning_key WHERE id = " + onlyThere.id));
        assertEquals("2", single("SELECT count(*) FROM audit_event WHERE action = 'enrollment.rate_limit' AND (details LIKE '%203.0.113.66%' "
                + "OR details LIKE '%" + parsed.keyId() + "%')"), "each limit is audited once when it is reached");
        assertEquals(1, usage(key.id));
    }

    @Test
    void admitsNoEnrollmentThatStartsAfterADisableCommitted() throws Exception {
        Setup setup = Setup.of(base, "enroll-disable");
        Key key = setup.key("streamed", b -> b);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger sequence = new java.util.concurrent.atomic.AtomicInteger();
        java.util.Queue<long[]> answers = new java.util.concurrent.ConcurrentLinkedQueue<>();
        long[] disableCommitted = {Long.MAX_VALUE};
        ExecutorService streams = Executors.newFixedThreadPool(6);
        try {
            for (int t = 0; t < 6; t++) {
                streams.submit(() -> {
                    while (!stop.get()) {
                        int n = sequence.incrementAndGet();
                        long started = System.nanoTime();
                        Response response = Enrollments.enroll(base, key.value, "stream-" + n, "fp-stream-" + n);
                        answers.add(new long[] {started, response.status(), "key_disabled".equals(response.status() == 403 ? response.errorId() : "")
                                ? 1 : 0});
                    }
                    return null;
                });
            }
            while (answers.stream().filter(a -> a[1] == 201).count() < 20) {
                Thread.sleep(20);
            }
            JsonObject current = setup.org.api().get(KEYS + "/" + key.id).json();
            Response disabled = setup.org.api().put(KEYS + "/" + key.id, Json.createObjectBuilder().add("name", current.getString("name"))
                    .add("description", current.getString("description")).add("signingCertificateId", current.getJsonNumber("signingCertificateId"))
                    .add("enabled", false).add("exportable", current.getBoolean("exportable")).add("allowReEnrollment", false)
                    .add("version", current.getJsonNumber("version")).build().toString());
            disableCommitted[0] = System.nanoTime();
            assertEquals(200, disabled.status(), disabled.toString());
            Thread.sleep(1_500);
        } finally {
            stop.set(true);
            streams.shutdown();
            assertTrue(streams.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS));
        }
        long successes = answers.stream().filter(a -> a[1] == 201).count();
        assertTrue(answers.stream().allMatch(a -> a[1] == 201 || a[1] == 403 && a[2] == 1), "only successes and key_disabled");
        List<long[]> after = answers.stream().filter(a -> a[0] > disableCommitted[0]).toList();
        assertFalse(after.isEmpty(), "the stream went on after the disable");
        assertTrue(after.stream().allMatch(a -> a[1] == 403), "no enrollment that started after the disable committed succeeds");
        assertEquals(successes, usage(key.id), "every success used the key once");
        assertEquals(successes, machines(key.id).size(), "one machine per success, none without");
    }

    private static JsonObjectBuilder valid(String key, String csr, int i) {
        return Json.createObjectBuilder().add("provisioningKey", key).add("hostname", "fuzz-" + i).add("fingerprint", "fp-fuzz-" + i)
                .add("os", "Debian 13").add("csr", csr);
    }

    private static byte[] randomBytes(java.util.Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Every request waits at a barrier, then all go at once; the answer of each, counted by status. */
    private Map<Integer, Integer> race(Key key, List<String> csrs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(csrs.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < csrs.size(); i++) {
                int n = i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return enroll(key.value, "race-" + n, "fp-" + key.id + "-" + n, csrs.get(n));
                }));
            }
            start.countDown();
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (Future<Response> answer : answers) {
                Response response = answer.get();
                if (response.status() == 403) {
                    assertEquals("key_exhausted", response.errorId(), response.toString());
                }
                statuses.merge(response.status(), 1, Integer::sum);
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    private Response enroll(String key, String hostname, String fingerprint, String csr) {
        return enrollFrom(null, key, hostname, fingerprint, csr);
    }

    private Response enrollFrom(String source, String key, String hostname, String fingerprint, String csr) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("provisioningKey", key).add("fingerprint", fingerprint == null ? "" : fingerprint)
                .add("os", "Debian 13").add("csr", csr);
        if (hostname != null) {
            body.add("hostname", hostname);
        }
        return Enrollments.post(base, body.build().toString().getBytes(StandardCharsets.UTF_8), source);
    }

    private static void assertRefused(Response response, int status, String id) {
        assertEquals(status, response.status(), response.toString());
        assertEquals(id, response.errorId(), response.toString());
        assertFalse(response.body().contains("Exception") || response.body().contains("io.keygate"), response.body());
    }

    private static List<X509Certificate> chain(String pem) throws Exception {
        List<X509Certificate> certificates = new ArrayList<>();
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
                .forEach(certificate -> certificates.add((X509Certificate) certificate));
        return certificates;
    }

    private static int usage(long keyId) throws SQLException {
        return Integer.parseInt(single("SELECT usage_count FROM provisioning_key WHERE id = " + keyId));
    }

    private static List<String> machines(long keyId) throws SQLException {
        List<String> machines = new ArrayList<>();
        try (Connection db = TestDatabase.connect();
             PreparedStatement select = db.prepareStatement("SELECT hostname || '|' || fingerprint || '|' || status FROM machine "
                     + "WHERE provisioning_key_id = ? ORDER BY id")) {
            select.setLong(1, keyId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    machines.add(rows.getString(1));
                }
            }
        }
        return machines;
    }

    private static String single(String sql) throws SQLException {
        try (Connection db = TestDatabase.connect(); ResultSet row = db.createStatement().executeQuery(sql)) {
            assertTrue(row.next(), sql);
            return row.getString(1);
        }
    }

    private static void update(String sql) throws SQLException {
        try (Connection db = TestDatabase.connect()) {
            assertEquals(1, db.createStatement().executeUpdate(sql), sql);
        }
    }

    private record Key(long id, String value) {
    }

    private record Setup(TestOrganization org, long groupId, long certificateId) {

        static Setup of(URL base, String label) {
            KeySetup setup = KeySetup.of(base, label);
            return new Setup(setup.org(), setup.groupId(), setup.certificateId());
        }

        Key key(String name, java.util.function.UnaryOperator<JsonObjectBuilder> options) {
            JsonObjectBuilder key = Json.createObjectBuilder().add("name", name).add("machineGroupId", groupId).add("signingCertificateId", certificateId);
            Response created = org.api().post(KEYS, options.apply(key).build().toString());
            assertEquals(201, created.status(), created.toString());
            JsonObject body = created.json();
            assertNotEquals(null, body.getString("provisioningKey", null));
            return new Key(body.getJsonNumber("id").longValue(), body.getString("provisioningKey"));
        }
    }
}
