import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;

/**
 * Exports of the keys table (issue 6): rows per second of CSV, XLSX and JSON through the REST API with the server's
 * heap capped at 512 MB, the heap in use while each runs (jstat, every 200 ms), and PostgreSQL's COPY of the same
 * columns as the floor. Run it with bench/exports; arguments: baseUrl jdbcUrl dbUser dbPassword adminPassword serverPid [formats]
 */
public final class ExportBenchmark {

    /** About a tenth of the keys: those created in the first 73 of the 730 days the loader spreads them over. */
    private static final String TENTH = "createdTo=2025-03-15";

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String authorization = "Basic " + Base64.getEncoder().encodeToString(("admin:" + args[4]).getBytes(StandardCharsets.UTF_8));
        String pid = args[5];
        List<String> formats = args.length > 6 ? List.of(args[6].split(",")) : List.of("csv", "xlsx", "json");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try (Connection db = DriverManager.getConnection(args[1], args[2], args[3])) {
            long organization = single(db, "SELECT id FROM organization WHERE name = 'default'");
            System.out.println("| keys | format | seconds | rows/s | peak heap used | COPY rows/s (same columns) | export / COPY |");
            System.out.println("|---|---|---|---|---|---|---|");
            for (String scope : List.of(TENTH, "")) {
                String where = "k.organization_id = " + organization + " AND k.deleted_at IS NULL"
                        + (scope.isEmpty() ? "" : " AND k.created_at < '2025-03-15T00:00:00Z'");
                long rows = single(db, "SELECT count(*) FROM provisioning_key k WHERE " + where);
                double copySeconds = copy(db, where);
                for (String format : formats) {
                    gc(pid);
                    HeapSampler heap = new HeapSampler(pid);
                    heap.start();
                    long started = System.nanoTime();
                    HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(base + "api/v1/provisioning-keys/export?format="
                            + format + "&sort=name" + (scope.isEmpty() ? "" : "&" + scope))).header("Authorization", authorization)
                            .timeout(Duration.ofMinutes(30)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                    long bytes;
                    try (InputStream body = response.body()) {
                        bytes = body.transferTo(OutputStream.nullOutputStream());
                    }
                    double seconds = (System.nanoTime() - started) / 1e9;
                    heap.stop();
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(format + " export answered " + response.statusCode());
                    }
                    System.out.printf(Locale.ROOT, "| %,d | %s (%,d MB) | %.1f | %,.0f | %,d MB | %,.0f | %.1f× slower |%n", rows, format,
                            bytes >> 20, seconds, rows / seconds, heap.peakMegabytes(), rows / copySeconds, seconds / copySeconds);
                }
            }
        }
    }

    private static double copy(Connection db, String where) throws Exception {
        String select = "SELECT k.name, g.name, CASE WHEN k.enabled THEN 'Enabled' ELSE 'Disabled' END, k.usage_count, k.max_usage, "
                + "k.expires_at, c.name, k.last_used_at, k.created_at FROM provisioning_key k JOIN machine_group g ON g.id = k.machine_group_id "
                + "JOIN signing_certificate c ON c.id = k.signing_certificate_id WHERE " + where + " ORDER BY lower(k.name), k.id";
        long started = System.nanoTime();
        db.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (" + select + ") TO STDOUT WITH CSV HEADER", OutputStream.nullOutputStream());
        return (System.nanoTime() - started) / 1e9;
    }

    private static void gc(String pid) throws Exception {
        new ProcessBuilder("jcmd", pid, "GC.run").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    private static long single(Connection db, String sql) throws Exception {
        try (Statement statement = db.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    /** The server's heap in use (eden, survivors and old generation, in KB from jstat -gc), at its highest. */
    private static final class HeapSampler {
        private final String pid;
        private final AtomicLong peakKb = new AtomicLong();
        private Process jstat;
        private Thread reader;

        HeapSampler(String pid) {
            this.pid = pid;
        }

        void start() throws IOException {
            jstat = new ProcessBuilder("jstat", "-gc", pid, "200").redirectErrorStream(true).start();
            reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.US_ASCII))) {
                    List<String> header = null;
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        List<String> fields = List.of(line.trim().split("\\s+"));
                        if (fields.contains("OU")) {
                            header = fields;
                            continue;
                        }
                        if (header == null || fields.size() != header.size()) {
                            continue;
                        }
                        double used = 0;
                        for (String column : List.of("S0U", "S1U", "EU", "OU")) {
                            used += Double.parseDouble(fields.get(header.indexOf(column)));
                        }
                        long kb = (long) used;
                        peakKb.accumulateAndGet(kb, Math::max);
                    }
                } catch (IOException | NumberFormatException stopped) {
                    // jstat was stopped
                }
            });
            reader.start();
        }

        void stop() throws InterruptedException {
            jstat.destroy();
            reader.join(5_000);
        }

        long peakMegabytes() {
            return peakKb.get() >> 10;
        }
    }
}
