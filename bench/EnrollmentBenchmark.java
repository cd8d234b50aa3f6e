import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Enrollments per second (issue 5): N clients, each with its own key (enrollments with one key run one after
 * another, by design), enroll machines with fresh fingerprints for T seconds over loopback; the server checks each
 * request's ECDSA P-256 CSR and signs a certificate. Then pgbench runs the same database work as the floor.
 *
 * Run it with bench/enrollments; arguments: baseUrl jdbcUrl dbUser dbPassword adminPassword seconds clients dbPort
 */
public final class EnrollmentBenchmark {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    private static final Pattern VALUE = Pattern.compile("\"provisioningKey\"\\s*:\\s*\"([^\"]+)\"");
    /** Requests are made from a pool of real CSRs: the server checks and signs each one, the pool spares the client's CPU. */
    private static final int CSR_POOL = 256;

    public static void main(String[] args) throws Exception {
        String base = args[0].endsWith("/") ? args[0] : args[0] + "/";
        String authorization = "Basic " + Base64.getEncoder().encodeToString(("admin:" + args[4]).getBytes(StandardCharsets.UTF_8));
        int seconds = Integer.parseInt(args[5]);
        int clients = Integer.parseInt(args[6]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

        long group = id(post(http, base + "api/v1/machine-groups", authorization, "{\"name\":\"bench-" + System.currentTimeMillis() + "\",\"enabled\":true}"));
        String certificates = get(http, base + "api/v1/signing-certificates?name=Client", authorization);
        Matcher certificate = ID.matcher(certificates);
        if (!certificate.find()) {
            throw new IllegalStateException("no signing certificate 'Client': " + certificates);
        }
        List<String> keys = new ArrayList<>();
        List<Long> keyIds = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            String created = post(http, base + "api/v1/provisioning-keys", authorization, "{\"name\":\"bench-" + group + "-" + i + "\",\"machineGroupId\":"
                    + group + ",\"signingCertificateId\":" + certificate.group(1) + ",\"exportable\":false}");
            Matcher value = VALUE.matcher(created);
            if (!value.find()) {
                throw new IllegalStateException("no key value in " + created);
            }
            keys.add(value.group(1).replace("\\u007c", "|"));
            keyIds.add(id(created));
        }
        List<String> csrs = new ArrayList<>();
        for (int i = 0; i < CSR_POOL; i++) {
            csrs.add(csr());
        }

        System.out.printf(Locale.ROOT, "%d clients, one key each, %d s; warming up for 10 s%n", clients, seconds);
        run(http, base, keys, csrs, 10, "warm");
        double[] result = run(http, base, keys, csrs, seconds, "run");

        double floor = pgbench(args, clients, seconds, group, keyIds);
        System.out.println();
        System.out.println("| measure | value |");
        System.out.println("|---|---|");
        System.out.printf(Locale.ROOT, "| enrollments/s (%d clients, %d s) | %.0f |%n", clients, seconds, result[0]);
        System.out.printf(Locale.ROOT, "| latency p50 / p99 | %.1f ms / %.1f ms |%n", result[1], result[2]);
        System.out.printf(Locale.ROOT, "| answers other than 201 | %.0f |%n", result[3]);
        System.out.printf(Locale.ROOT, "| pgbench floor, same SQL transaction (%d clients) | %.0f tps |%n", clients, floor);
        System.out.printf(Locale.ROOT, "| enrollments / floor | %.0f%% |%n", 100 * result[0] / floor);
    }

    /** Enrollments/s, p50 ms, p99 ms, failures. */
    private static double[] run(HttpClient http, String base, List<String> keys, List<String> csrs, int seconds, String tag) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(keys.size());
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong failures = new AtomicLong();
        List<Future<List<Long>>> workers = new ArrayList<>();
        for (int c = 0; c < keys.size(); c++) {
            int client = c;
            workers.add(pool.submit(() -> {
                List<Long> latencies = new ArrayList<>();
                int n = 0;
                while (System.nanoTime() < end) {
                    String body = "{\"provisioningKey\":\"" + keys.get(client) + "\",\"hostname\":\"" + tag + "-" + client + "-" + n
                            + "\",\"fingerprint\":\"" + tag + "-" + client + "-" + n + "-" + System.nanoTime() + "\",\"os\":\"bench\",\"csr\":\""
                            + csrs.get((client * 31 + n) % csrs.size()).replace("\n", "\\n") + "\"}";
                    long started = System.nanoTime();
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "api/v1/enrollments"))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    latencies.add(System.nanoTime() - started);
                    if (response.statusCode() != 201) {
                        if (failures.incrementAndGet() <= 3) {
                            System.err.println("answer " + response.statusCode() + ": " + response.body());
                        }
                    }
                    n++;
                }
                return latencies;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> worker : workers) {
            all.addAll(worker.get());
        }
        pool.shutdown();
        long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
        return new double[] {(all.size() - failures.get()) / (double) seconds, sorted[(int) (sorted.length * 0.50)] / 1e6,
                sorted[Math.min(sorted.length - 1, (int) (sorted.length * 0.99))] / 1e6, failures.get()};
    }

    /** The database work of one enrollment, as SQL, under pgbench with the same number of clients. */
    private static double pgbench(String[] args, int clients, int seconds, long group, List<Long> keyIds) throws Exception {
        long organization;
        try (Connection db = DriverManager.getConnection(args[1], args[2], args[3]); Statement statement = db.createStatement();
             ResultSet row = statement.executeQuery("SELECT organization_id FROM machine_group WHERE id = " + group)) {
            row.next();
            organization = row.getLong(1);
        }
        String script = String.join("\n",
                "\\set k random(" + keyIds.get(0) + ", " + keyIds.get(keyIds.size() - 1) + ")",
                "BEGIN;",
                "SELECT id, organization_id, pepper_version, secret_hash FROM provisioning_key WHERE id = :k AND deleted_at IS NULL;",
                "SELECT * FROM provisioning_key WHERE id = :k FOR UPDATE;",
                "SELECT * FROM machine_group WHERE id = " + group + ";",
                "SELECT id FROM machine WHERE organization_id = " + organization + " AND provisioning_key_id = :k AND fingerprint = md5(random()::text) "
                        + "AND status = 'ACTIVE';",
                "SELECT * FROM signing_certificate WHERE organization_id = " + organization + " LIMIT 1;",
                "INSERT INTO machine (organization_id, machine_group_id, provisioning_key_id, hostname, fingerprint, os, status, enrolled_at) "
                        + "VALUES (" + organization + ", " + group + ", :k, 'pgbench', md5(random()::text), 'bench', 'ACTIVE', now());",
                "INSERT INTO machine_certificate (organization_id, machine_id, signing_certificate_id, serial_number, not_before, not_after, "
                        + "certificate_pem, status, issued_at) SELECT " + organization + ", currval('machine_id_seq'), id, md5(random()::text), now(), "
                        + "now() + interval '365 days', repeat('x', 700), 'ACTIVE', now() FROM signing_certificate WHERE organization_id = "
                        + organization + " LIMIT 1;",
                "UPDATE provisioning_key SET usage_count = usage_count + 1, last_used_at = now(), last_used_address = '127.0.0.1', "
                        + "last_used_machine = 'pgbench' WHERE id = :k;",
                "INSERT INTO audit_event (occurred_at, organization_id, actor_type, actor_name, action, resource_type, resource_id, outcome, details) "
                        + "VALUES (now(), " + organization + ", 'ACCOUNT', 'pgbench', 'enrollment.create', 'machine', currval('machine_id_seq')::text, "
                        + "'SUCCESS', repeat('y', 300));",
                "END;", "");
        Path file = Files.createTempFile("enroll", ".sql");
        Files.writeString(file, script);
        ProcessBuilder pgbench = new ProcessBuilder("pgbench", "-n", "-h", "127.0.0.1", "-p", args[7], "-U", args[2], "-c", String.valueOf(clients),
                "-j", "2", "-T", String.valueOf(seconds), "-f", file.toString(), "keygate").redirectErrorStream(true);
        pgbench.environment().put("PGPASSWORD", args[3]);
        Process process = pgbench.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        Files.delete(file);
        Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(output);
        if (!tps.find()) {
            throw new IllegalStateException("pgbench said:\n" + output);
        }
        return Double.parseDouble(tps.group(1));
    }

    private static String csr() throws Exception {
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = ec.generateKeyPair();
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaPKCS10CertificationRequestBuilder(new X500Principal("CN=bench"), keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        }
        return text.toString();
    }

    private static String post(HttpClient http, String url, String authorization, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
                .header("Content-Type", "application/json").header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String get(HttpClient http, String url, String authorization) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static long id(String json) {
        Matcher id = ID.matcher(json);
        if (!id.find()) {
            throw new IllegalStateException("no id in " + json);
        }
        return Long.parseLong(id.group(1));
    }
}
