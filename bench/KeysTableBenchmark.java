import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The keys table at scale (issue 4): loads N keys across G groups into the organisation 'default' of a
 * running Keygate (COPY, straight into its database), then times the table's load through the REST list
 * (the same service call the page's lazy table makes) for four views, and beside each the same SQL run
 * directly in PostgreSQL (the count up to 10,001 or the organisation's tally, the page's ids, its rows): the floor.
 * Server time is read from the Server-Timing header.
 *
 * Run it with bench/keys-table (which starts a Keygate of its own); arguments:
 * baseUrl jdbcUrl dbUser dbPassword adminPassword keys groups requests
 */
public final class KeysTableBenchmark {

    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final String[] WORDS = {"blue", "red", "fleet", "kiosk", "laptop", "server", "edge", "branch", "lab", "build"};
    private static final Pattern SERVER_TIMING = Pattern.compile("app;dur=([0-9.]+)");
    /** Requests of each view before any is timed, so the server's code is compiled as in a running system. */
    private static final int WARM_UP = 200;

    private final String base;
    private final String authorization;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Connection db;

    private KeysTableBenchmark(String base, Connection db, String adminPassword) {
        this.base = base.endsWith("/") ? base : base + "/";
        this.db = db;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 8) {
            System.err.println("usage: KeysTableBenchmark baseUrl jdbcUrl dbUser dbPassword adminPassword keys groups requests");
            System.exit(2);
        }
        try (Connection db = DriverManager.getConnection(args[1], args[2], args[3])) {
            KeysTableBenchmark bench = new KeysTableBenchmark(args[0], db, args[4]);
            bench.run(Integer.parseInt(args[5]), Integer.parseInt(args[6]), Integer.parseInt(args[7]));
        }
    }

    private void run(int keys, int groups, int requests) throws Exception {
        long organization = single("SELECT id FROM organization WHERE name = 'default'");
        long certificate = single("SELECT id FROM signing_certificate WHERE organization_id = " + organization + " AND name = 'Client'");
        long present = single("SELECT count(*) FROM provisioning_key WHERE organization_id = " + organization);
        if (present < keys) {
            long started = System.nanoTime();
            load(organization, certificate, keys - (int) present, groups);
            System.out.printf(Locale.ROOT, "loaded %,d keys across %,d groups in %.1f s%n", keys - present, groups, (System.nanoTime() - started) / 1e9);
        }
        try (Statement statement = db.createStatement()) {
            // statistics as a running system has them (autovacuum), also for indexes a migration just added
            statement.execute("ANALYZE provisioning_key");
        }
        long total = single("SELECT count(*) FROM provisioning_key WHERE organization_id = " + organization + " AND deleted_at IS NULL");
        long group = single("SELECT machine_group_id FROM provisioning_key WHERE organization_id = " + organization
                + " GROUP BY machine_group_id ORDER BY count(*) DESC LIMIT 1");
        int lastPage = (int) Math.min(40_000, (total + 19) / 20);
        String where = "organization_id = " + organization + " AND deleted_at IS NULL";
        String tally = "SELECT live_keys FROM provisioning_key_tally WHERE organization_id = " + organization;
        String capped = "SELECT id FROM provisioning_key WHERE " + where + "%s LIMIT 10001";
        // as the application reads them: the first pages in one query, one row more than the page to learn whether rows
        // follow; a deep page's ids first, and past the middle of an exactly counted list from the end in reverse order
        long fromEnd = total - (lastPage - 1) * 20L - 20;
        String deepPage = fromEnd < (lastPage - 1) * 20L
                ? "SELECT id FROM provisioning_key WHERE " + where + " ORDER BY lower(name) DESC, id DESC LIMIT 20 OFFSET " + Math.max(0, fromEnd)
                : "SELECT id FROM provisioning_key WHERE " + where + " ORDER BY lower(name), id LIMIT 21 OFFSET " + (lastPage - 1) * 20;
        String groupAndStatus = " AND machine_group_id IN (" + group + ") AND enabled AND (retires_at IS NULL OR retires_at > now())";
        String nameContains = " AND lower(name) LIKE '%ab1%' ESCAPE '\\'";
        List<Scenario> scenarios = List.of(
                new Scenario("first page, no filter", "page=1&pageSize=20", tally,
                        "SELECT * FROM provisioning_key WHERE " + where + " ORDER BY lower(name), id LIMIT 21 OFFSET 0"),
                new Scenario("name contains 'ab1'", "name=ab1&pageSize=20", capped.formatted(nameContains),
                        "SELECT * FROM provisioning_key WHERE " + where + nameContains + " ORDER BY lower(name), id LIMIT 21 OFFSET 0"),
                new Scenario("group + status, by expiry", "machineGroupId=" + group + "&enabled=true&sort=expiresAt&pageSize=20",
                        capped.formatted(groupAndStatus),
                        "SELECT * FROM provisioning_key WHERE " + where + groupAndStatus + " ORDER BY expires_at, id LIMIT 21 OFFSET 0"),
                new Scenario("page " + lastPage + ", no filter", "page=" + lastPage + "&pageSize=20", tally, deepPage));
        System.out.printf(Locale.ROOT, "%n%,d keys in the organisation; %d requests per view, after %d warm-up requests of each%n%n",
                total, requests, WARM_UP);
        for (int round = 0; round < WARM_UP; round++) {
            for (Scenario scenario : scenarios) {
                serverTime(scenario.query);
            }
        }
        System.out.println("| view | server p50 | server p95 | SQL floor p50 | SQL floor p95 | p95 / floor p95 |");
        System.out.println("|---|---|---|---|---|---|");
        for (Scenario scenario : scenarios) {
            double[] server = timeServer(scenario.query, requests);
            double[] floor = timeSql(scenario, requests);
            System.out.printf(Locale.ROOT, "| %s | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1f× |%n", scenario.name,
                    percentile(server, 50), percentile(server, 95), percentile(floor, 50), percentile(floor, 95),
                    percentile(server, 95) / percentile(floor, 95));
        }
        System.out.println();
        for (Scenario scenario : scenarios) {
            System.out.println("### " + scenario.name);
            explain(scenario.countSql);
            explain(scenario.pageSql);
        }
    }

    /** Groups with COPY, then keys with COPY, in batches, straight into the tables the keys module owns. */
    private void load(long organization, long certificate, int keys, int groups) throws SQLException, IOException {
        Random random = new Random(20261126);
        SecureRandom secure = new SecureRandom();
        PGConnection pg = db.unwrap(PGConnection.class);
        long firstGroup = single("SELECT coalesce(max(id), 0) FROM machine_group") + 1;
        StringBuilder rows = new StringBuilder();
        String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
        for (int g = 0; g < groups; g++) {
            rows.append(organization).append('\t').append("bench-group-").append(String.format("%04d", g)).append('\t')
                    .append(words(random, 3)).append('\t').append(g % 10 != 0).append('\t').append(now).append("\tbench\t").append(now)
                    .append("\tbench\n");
        }
        copy(pg, "COPY machine_group (organization_id, name, description, enabled, created_at, created_by, modified_at, modified_by) FROM STDIN",
                rows);
        List<Long> groupIds = new ArrayList<>();
        try (Statement statement = db.createStatement();
             ResultSet ids = statement.executeQuery("SELECT id FROM machine_group WHERE organization_id = " + organization + " AND id >= " + firstGroup)) {
            while (ids.next()) {
                groupIds.add(ids.getLong(1));
            }
        }
        String[] admins = {"admin", "alice", "bob", "carol", "dave"};
        Instant epoch = Instant.parse("2025-01-01T00:00:00Z");
        byte[] hash = new byte[32];
        for (int k = 0; k < keys; k++) {
            Integer max = random.nextInt(10) < 3 ? 1 + random.nextInt(100) : null;
            int usage = max == null ? random.nextInt(50) : random.nextInt(max + 1);
            String expires = random.nextInt(10) < 6 ? epoch.plusSeconds(random.nextInt(3 * 365 * 86_400)).toString() : "\\N";
            String created = epoch.plusSeconds(random.nextInt(2 * 365 * 86_400)).toString();
            secure.nextBytes(hash);
            rows.append(organization).append('\t').append(name(random, k)).append('\t').append(words(random, 4)).append('\t')
                    .append(groupIds.get(random.nextInt(groupIds.size()))).append('\t').append(certificate).append('\t')
                    .append(random.nextInt(20) != 0).append('\t').append(random.nextBoolean()).append('\t').append(random.nextInt(4) == 0)
                    .append('\t').append(max == null ? "\\N" : max.toString()).append('\t').append(usage).append('\t').append(expires)
                    .append("\t\t").append(keyId(secure)).append("\t1\t\\\\x").append(HexFormat.of().formatHex(hash)).append('\t')
                    .append(created).append('\t').append(admins[random.nextInt(admins.length)]).append('\t').append(created).append("\tbench\n");
            if (rows.length() > 4_000_000) {
                copyKeys(pg, rows);
            }
        }
        copyKeys(pg, rows);
        try (Statement statement = db.createStatement()) {
            statement.execute("VACUUM ANALYZE machine_group");
            statement.execute("VACUUM ANALYZE provisioning_key");
        }
    }

    private static void copyKeys(PGConnection pg, StringBuilder rows) throws SQLException {
        copy(pg, "COPY provisioning_key (organization_id, name, description, machine_group_id, signing_certificate_id, enabled, exportable, "
                + "allow_re_enrollment, max_usage, usage_count, expires_at, ip_allow_list, key_id, pepper_version, secret_hash, created_at, "
                + "created_by, modified_at, modified_by) FROM STDIN", rows);
    }

    private static void copy(PGConnection pg, String sql, StringBuilder rows) throws SQLException {
        if (rows.length() == 0) {
            return;
        }
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        CopyIn copy = pg.getCopyAPI().copyIn(sql);
        copy.writeToCopy(bytes, 0, bytes.length);
        copy.endCopy();
        rows.setLength(0);
    }

    /** Unique names that do not sort like the ids: a shuffled number with letters in it. */
    private static String name(Random random, int k) {
        return "key-" + Integer.toString(Integer.reverse(k) >>> 1, 36) + "-" + Integer.toString(k, 36);
    }

    private static String keyId(SecureRandom random) {
        char[] id = new char[16];
        for (int i = 0; i < id.length; i++) {
            id[i] = BASE62[random.nextInt(BASE62.length)];
        }
        return new String(id);
    }

    private static String words(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }

    private double[] timeServer(String query, int requests) throws IOException, InterruptedException {
        double[] times = new double[requests];
        for (int i = 0; i < requests; i++) {
            times[i] = serverTime(query);
        }
        return times;
    }

    private double serverTime(String query) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/v1/provisioning-keys?" + query))
                .header("Authorization", authorization).header("Accept", "application/json").GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(query + " answered " + response.statusCode() + ": " + response.body());
        }
        Matcher timing = SERVER_TIMING.matcher(response.headers().firstValue("Server-Timing").orElse(""));
        if (!timing.find()) {
            throw new IllegalStateException("no Server-Timing header: is this Keygate older than the benchmark?");
        }
        return Double.parseDouble(timing.group(1));
    }

    /** The count (or the tally) and the page's rows (by ids read first, for a deep page), as the application asks them. */
    private double[] timeSql(Scenario scenario, int requests) throws SQLException {
        boolean idsFirst = scenario.pageSql.startsWith("SELECT id ");
        double[] times = new double[requests];
        for (int i = -WARM_UP; i < requests; i++) {
            long started = System.nanoTime();
            drain(scenario.countSql);
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement statement = db.prepareStatement(scenario.pageSql); ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            if (idsFirst && !ids.isEmpty()) {
                drain("SELECT * FROM provisioning_key WHERE id IN (" + String.join(",", ids.stream().map(String::valueOf).toList()) + ")");
            }
            if (i >= 0) {
                times[i] = (System.nanoTime() - started) / 1_000_000.0;
            }
        }
        return times;
    }

    private void drain(String sql) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                rows.getObject(1);
            }
        }
    }

    private void explain(String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet plan = statement.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
            System.out.println("```");
            System.out.println(sql);
            while (plan.next()) {
                System.out.println(plan.getString(1));
            }
            System.out.println("```");
        }
    }

    private long single(String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            if (!result.next()) {
                throw new IllegalStateException("no row for " + sql);
            }
            return result.getLong(1);
        }
    }

    private static double percentile(double[] values, int percentile) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
    }

    private record Scenario(String name, String query, String countSql, String pageSql) {
    }
}
