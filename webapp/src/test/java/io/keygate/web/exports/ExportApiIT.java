package io.keygate.web.exports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.web.support.Deployments;
import io.keygate.web.support.Enrollments;
import io.keygate.web.support.Organizations;
import io.keygate.web.support.Organizations.TestOrganization;
import io.keygate.web.support.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exports of the keys table through the REST API (issue 6): every format parses back, with a real parser, to exactly the
 * rows and columns the list answers for the same filters and sort; no key's secret is in any file; formula payloads
 * come out neutralised.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ExportApiIT {

    /** Header names as the keys table shows them, per column id; Usage becomes two columns. */
    private static final Map<String, List<String>> HEADERS = Map.of("name", List.of("Name"), "machineGroup", List.of("Machine Group"),
            "status", List.of("Status"), "usage", List.of("Usage", "Maximum Usage"), "expires", List.of("Expires"),
            "certificate", List.of("Signing Certificate"), "lastUsed", List.of("Last Used"), "created", List.of("Created"));
    private static final Map<String, List<String>> FIELDS = Map.of("name", List.of("name"), "machineGroup", List.of("machineGroup"),
            "status", List.of("status"), "usage", List.of("usageCount", "maxUsage"), "expires", List.of("expiresAt"),
            "certificate", List.of("signingCertificate"), "lastUsed", List.of("lastUsedAt"), "created", List.of("createdAt"));
    private static final List<String> ALL_COLUMNS = List.of("name", "machineGroup", "status", "usage", "expires", "certificate", "lastUsed",
            "created");
    /** Key names allow letters, digits, dot, underscore and hyphen (K1): of the formula starts, only the minus fits in one. */
    private static final List<String> FORMULAS = List.of("-2-3", "-1.5", "-A1", "-SUM.A1");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.keygateWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void everyFormatHoldsExactlyTheListsRowsAndColumnsForTwoLayouts() throws Exception {
        TestOrganization org = Organizations.create(base, "export");
        long fleet = org.api().post("api/v1/machine-groups", "{\"name\":\"fleet\",\"enabled\":true}").id();
        long lab = org.api().post("api/v1/machine-groups", "{\"name\":\"lab\",\"enabled\":true}").id();
        long certificate = certificate(org);
        TestDatabase.insertBulkKeys(org.id(), fleet, certificate, 1_200);
        try (Connection db = TestDatabase.connect(); var move = db.prepareStatement("UPDATE provisioning_key SET machine_group_id = ? "
                + "WHERE organization_id = ? AND id % 25 = 0")) {
            move.setLong(1, lab);
            move.setLong(2, org.id());
            assertTrue(move.executeUpdate() >= 40);
        }
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            secrets.add(org.api().post("api/v1/provisioning-keys", "{\"name\":\"api-" + i + "\",\"machineGroupId\":" + (i % 2 == 0 ? fleet : lab)
                    + ",\"signingCertificateId\":" + certificate + ",\"exportable\":" + (i % 3 == 0) + ",\"maxUsage\":" + (i + 1)
                    + ",\"description\":\"=cmd|' /C calc'!A0\"}").json().getString("provisioningKey"));
        }

        varyBulkKeys(org.id());
        String fleetOnly = "machineGroupId=" + fleet;
        List<String> reordered = List.of("created", "name", "usage", "expires");
        check(org, "csv", fleetOnly + "&sort=-createdAt", ALL_COLUMNS, secrets);
        check(org, "csv", fleetOnly + "&sort=expiresAt", reordered, secrets);
        check(org, "xlsx", fleetOnly + "&sort=name", ALL_COLUMNS, secrets);
        check(org, "xlsx", "search=bulk-1&sort=-lastUsedAt", reordered, secrets);
        check(org, "json", fleetOnly + "&sort=usageCount", ALL_COLUMNS, secrets);
        check(org, "json", "enabled=true&sort=-expiresAt", reordered, secrets);

        assertEquals(400, org.api().file("api/v1/provisioning-keys/export?format=pdf").statusCode());
        assertEquals(400, org.api().file("api/v1/provisioning-keys/export?format=csv&columns=value").statusCode(),
                "the key's value is no column of any export");
        assertEquals(400, org.api().file("api/v1/provisioning-keys/export?format=csv&colour=red").statusCode());
        assertEquals(400, org.api().file("api/v1/provisioning-keys/export?format=csv&sort=secretHash").statusCode());
    }

    @Test
    void formulaPayloadsComeOutNeutralisedInCsvAndAsTextInXlsx() throws Exception {
        TestOrganization org = Organizations.create(base, "export-formulas");
        long group = org.api().post("api/v1/machine-groups", "{\"name\":\"fleet\",\"enabled\":true}").id();
        long certificate = certificate(org);
        try (Connection db = TestDatabase.connect()) {
            TestDatabase.insertBulkKeys(org.id(), group, certificate, FORMULAS.size());
            try (var rename = db.prepareStatement("UPDATE provisioning_key SET name = ? WHERE organization_id = ? AND name = ?")) {
                for (int i = 0; i < FORMULAS.size(); i++) {
                    rename.setString(1, FORMULAS.get(i));
                    rename.setLong(2, org.id());
                    rename.setString(3, "bulk-" + (i + 1));
                    assertEquals(1, rename.executeUpdate());
                }
            }
        }
        HttpResponse<byte[]> csv = org.api().file("api/v1/provisioning-keys/export?format=csv&columns=name&sort=name&bom=true");
        assertEquals(200, csv.statusCode());
        byte[] bytes = csv.body();
        assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(bytes[0], bytes[1], bytes[2]), "the byte order mark asked for");
        List<String> names = CSVFormat.RFC4180.parse(new StringReader(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8))).getRecords()
                .stream().skip(1).map(record -> record.get(0)).sorted().toList();
        assertEquals(FORMULAS.stream().map(formula -> "'" + formula).sorted().toList(), names);

        HttpResponse<byte[]> xlsx = org.api().file("api/v1/provisioning-keys/export?format=xlsx&columns=name");
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            List<Row> rows = workbook.getFirstSheet().read();
            for (Row row : rows.subList(1, rows.size())) {
                assertEquals(CellType.STRING, row.getCell(0).getType(), "stored as text, never as a formula: " + row.getCell(0).getRawValue());
                assertEquals(null, row.getCell(0).getFormula());
            }
            assertEquals(FORMULAS.stream().sorted().toList(), rows.subList(1, rows.size()).stream().map(row -> row.getCell(0).getText()).sorted().toList());
        }
        List<JsonObject> events = exportEvents(org.id());
        assertEquals(2, events.size(), "each export is audited once: " + events);
        assertEquals("csv", events.get(0).getString("format"));
        assertEquals(FORMULAS.size(), events.get(0).getJsonNumber("rows").intValue());
        assertEquals(List.of("name"), events.get(0).getJsonArray("columns").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());
        assertEquals("xlsx", events.get(1).getString("format"));
    }

    @Test
    void groupsExportWithTheirDescriptionsNeutralisedInCsvAndTextInXlsx() throws Exception {
        TestOrganization org = Organizations.create(base, "export-groups");
        List<String> payloads = List.of("=HYPERLINK(\"http://198.51.100.7/x\",\"click\")", "+1+1", "-2+3", "@SUM(1,2)", "plain, with comma");
        for (int i = 0; i < payloads.size(); i++) {
            org.api().post("api/v1/machine-groups", Json.createObjectBuilder().add("name", "group-" + i).add("description", payloads.get(i))
                    .add("enabled", i % 2 == 0).build().toString());
        }
        HttpResponse<byte[]> csv = org.api().file("api/v1/machine-groups/export?format=csv&sort=name&columns=name,description,status,machines");
        assertEquals(200, csv.statusCode(), () -> new String(csv.body(), StandardCharsets.UTF_8));
        List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(new String(csv.body(), StandardCharsets.UTF_8))).getRecords();
        assertEquals(List.of("Name", "Description", "Status", "Machines"), records.get(0).toList());
        for (int i = 0; i < payloads.size(); i++) {
            String payload = payloads.get(i);
            String expected = "=+-@\t".indexOf(payload.charAt(0)) >= 0 ? "'" + payload : payload;
            assertEquals(List.of("group-" + i, expected, i % 2 == 0 ? "Enabled" : "Disabled", "0"), records.get(i + 1).toList());
        }

        HttpResponse<byte[]> xlsx = org.api().file("api/v1/machine-groups/export?format=xlsx&sort=name&columns=description");
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            List<Row> rows = workbook.getFirstSheet().read();
            for (int i = 0; i < payloads.size(); i++) {
                Cell cell = rows.get(i + 1).getCell(0);
                assertEquals(CellType.STRING, cell.getType(), payloads.get(i));
                assertEquals(null, cell.getFormula());
                assertEquals(payloads.get(i), cell.asString());
            }
        }
        JsonArray json = Json.createReader(new ByteArrayInputStream(org.api().file("api/v1/machine-groups/export?format=json&enabled=false").body()))
                .readArray();
        assertEquals(List.of("group-1", "group-3"), json.stream().map(value -> value.asJsonObject().getString("name")).toList());
        assertEquals(400, org.api().file("api/v1/machine-groups/export?format=json&columns=actions").statusCode(), "Actions is no column of a file");
    }

    @Test
    void oneExportAtATimePerAdminWhichItsAdminCanCancel() throws Exception {
        TestOrganization org = Organizations.create(base, "export-cancel");
        long group = org.api().post("api/v1/machine-groups", "{\"name\":\"fleet\",\"enabled\":true}").id();
        TestDatabase.insertBulkKeys(org.id(), group, certificate(org), 300_000);
        assertEquals(404, org.api().get("api/v1/exports/current").status(), "nothing runs yet");

        HttpClient http = HttpClient.newHttpClient();
        String authorization = "Basic " + Base64.getEncoder().encodeToString((org.adminUsername() + ":" + Organizations.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<InputStream> running = http.send(HttpRequest.newBuilder(URI.create(base + "api/v1/provisioning-keys/export?format=csv&sort=name"))
                .header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, running.statusCode());
        try (InputStream body = running.body()) {
            // read a little and stop: the server blocks once the connection's buffers are full, mid-export
            byte[] start = body.readNBytes(10_000);
            assertTrue(start.length == 10_000);
            JsonObject current = awaitRunning(org);
            assertEquals("keys", current.getString("table"));
            assertTrue(current.getJsonNumber("rows").longValue() > 0, current.toString());

            var second = org.api().file("api/v1/machine-groups/export?format=json");
            assertEquals(409, second.statusCode(), "a second export of the same admin waits for the first");
            assertTrue(new String(second.body(), StandardCharsets.UTF_8).contains("export_running"));

            assertEquals(204, org.api().delete("api/v1/exports/current").status());
            // Payara ends the response as if it were whole (the stream's last chunk comes), so the file itself must say it is not
            String file = new String(start, StandardCharsets.UTF_8) + new String(body.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(file.lines().count() < 299_000, "the cancelled export stopped early: " + file.lines().count() + " lines");
            String last = file.substring(file.lastIndexOf("\r\n") + 2);
            assertTrue(last.startsWith("\"INCOMPLETE EXPORT: Keygate stopped writing this file after ") && last.contains("(cancelled)"), last);
            assertThrows(UncheckedIOException.class, () -> CSVFormat.RFC4180.parse(new StringReader(file)).getRecords(),
                    "no CSV parser takes the cancelled file for a table");
        }
        for (int i = 0; i < 100 && org.api().get("api/v1/exports/current").status() != 404; i++) {
            Thread.sleep(100);
        }
        assertEquals(404, org.api().get("api/v1/exports/current").status());
        assertEquals(200, org.api().file("api/v1/provisioning-keys/export?format=csv&name=bulk-12345").statusCode(), "free again");

        List<JsonObject> events = exportEvents(org.id());
        assertEquals(2, events.size(), events.toString());
        assertEquals(2, exportEvents(org.id(), "export.start").size(), "each export is audited as it starts too; the one refused with 409 never started");
        assertFalse(events.get(0).getBoolean("complete"), "the cancelled export is audited as unfinished: " + events.get(0));
        assertTrue(events.get(0).getJsonNumber("rows").longValue() < 300_000, events.get(0).toString());
        assertTrue(events.get(1).getBoolean("complete"));
    }

    @Test
    void machinesExportMatchesTheMachinesList() throws Exception {
        TestOrganization org = Organizations.create(base, "export-machines");
        long group = org.api().post("api/v1/machine-groups", "{\"name\":\"fleet\",\"enabled\":true}").id();
        String key = org.api().post("api/v1/provisioning-keys", "{\"name\":\"fleet-key\",\"machineGroupId\":" + group
                + ",\"signingCertificateId\":" + certificate(org) + "}").json().getString("provisioningKey");
        for (String host : List.of("web-01", "web-02", "db-01")) {
            assertEquals(201, Enrollments.enroll(base, key, host, "fp-" + host).status());
        }
        long removed = org.api().get("api/v1/machines?hostname=db-01").list().getJsonObject(0).getJsonNumber("id").longValue();
        assertEquals(204, org.api().delete("api/v1/machines/" + removed).status());

        JsonArray listed = org.api().get("api/v1/machines?sort=-hostname").list();
        JsonArray exported = Json.createReader(new ByteArrayInputStream(org.api().file("api/v1/machines/export?format=json&sort=-hostname").body()))
                .readArray();
        assertEquals(listed.size(), exported.size());
        for (int i = 0; i < listed.size(); i++) {
            JsonObject machine = listed.getJsonObject(i);
            JsonObject row = exported.getJsonObject(i);
            assertEquals(machine.getString("hostname"), row.getString("hostname"));
            assertEquals(machine.getString("fingerprint"), row.getString("fingerprint"));
            assertEquals(machine.getString("certificateSerial"), row.getString("certificateSerial"));
            assertEquals("fleet", row.getString("machineGroup"));
            assertEquals("fleet-key", row.getString("provisioningKey"));
            assertEquals("ACTIVE".equals(machine.getString("status")) ? "Active" : "Removed", row.getString("status"));
        }
        List<CSVRecord> active = CSVFormat.RFC4180.parse(new StringReader(new String(org.api().file(
                "api/v1/machines/export?format=csv&status=ACTIVE&columns=hostname,key").body(), StandardCharsets.UTF_8))).getRecords();
        assertEquals(List.of(List.of("Hostname", "Provisioning Key"), List.of("web-01", "fleet-key"), List.of("web-02", "fleet-key")),
                active.stream().map(CSVRecord::toList).toList());
    }

    @Test
    void noFileOfAnyTableHoldsAKeysSecret() throws Exception {
        TestOrganization org = Organizations.create(base, "export-secrets");
        long group = org.api().post("api/v1/machine-groups", "{\"name\":\"fleet\",\"enabled\":true}").id();
        long certificate = certificate(org);
        List<String> secrets = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            var created = org.api().post("api/v1/provisioning-keys", "{\"name\":\"secret-" + i + "\",\"machineGroupId\":" + group
                    + ",\"signingCertificateId\":" + certificate + ",\"exportable\":true}");
            secrets.add(created.json().getString("provisioningKey"));
            ids.add(created.id());
        }
        assertEquals(200, org.api().post("api/v1/provisioning-keys/" + ids.get(0) + "/reveal", "").status());
        assertEquals(200, org.api().download("api/v1/provisioning-keys/" + ids.get(1) + "/download").status());
        var rotated = org.api().post("api/v1/provisioning-keys/" + ids.get(2) + "/rotate", "{\"name\":\"secret-rotated\"}");
        assertEquals(201, rotated.status(), rotated.toString());
        secrets.add(rotated.json().getString("provisioningKey"));
        assertEquals(201, Enrollments.enroll(base, secrets.get(3), "host-01", "fp-host-01").status());
        assertEquals(401, Enrollments.enroll(base, secrets.get(3) + "x", "host-02", "fp-host-02").status(), "a failed try is audited too");
        secrets.add(org.api().post("api/v1/api-tokens", "{\"name\":\"exporter\",\"role\":\"READ_ONLY\"}").json().getString("apiToken"));

        for (String table : List.of("provisioning-keys", "machine-groups", "machines", "signing-certificates", "audit-events")) {
            for (String format : List.of("csv", "xlsx", "json")) {
                HttpResponse<byte[]> file = org.api().file("api/v1/" + table + "/export?format=" + format);
                assertEquals(200, file.statusCode(), table + " " + format);
                assertTrue(file.body().length > 0, table + " " + format);
                assertNoSecret(format, file.body(), secrets, table);
            }
        }
    }

    /** No key, nor the secret part of one, is in the file; an XLSX file is read unzipped, where its cells are. */
    private static void assertNoSecret(String format, byte[] file, List<String> secrets, String table) throws IOException {
        String text = "xlsx".equals(format) ? unzipped(file) : new String(file, StandardCharsets.UTF_8);
        assertTrue(!"xlsx".equals(format) || text.contains("<sheetData"), "the workbook's sheet was read");
        for (String secret : secrets) {
            // the bare secret, without the checksum after it (43 characters for keys and tokens alike)
            int start = secret.lastIndexOf('_') + 1;
            String secretPart = secret.substring(start, start + 43);
            assertFalse(text.contains(secretPart) || text.contains(secret), "a secret is in the " + table + " " + format + " export");
        }
    }

    /** Every entry of a zip file as text; read through its central directory, which streaming readers of XLSX files leave unsized. */
    private static String unzipped(byte[] file) throws IOException {
        Path copy = Files.createTempFile("export", ".xlsx");
        try {
            Files.write(copy, file);
            StringBuilder text = new StringBuilder();
            try (ZipFile zip = new ZipFile(copy.toFile())) {
                for (ZipEntry entry : Collections.list(zip.entries())) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        text.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
            return text.toString();
        } finally {
            Files.delete(copy);
        }
    }

    /** The details of the organisation's export audit events (the ends), oldest first. */
    private static List<JsonObject> exportEvents(long organization) throws SQLException {
        return exportEvents(organization, "export");
    }

    /** The details of the organisation's audit events of {@code action}, oldest first. */
    private static List<JsonObject> exportEvents(long organization, String action) throws SQLException {
        try (Connection db = TestDatabase.connect(); var audit = db.prepareStatement("SELECT details FROM audit_event WHERE organization_id = ? "
                + "AND action = ? ORDER BY id")) {
            audit.setLong(1, organization);
            audit.setString(2, action);
            List<JsonObject> events = new ArrayList<>();
            try (var found = audit.executeQuery()) {
                while (found.next()) {
                    events.add(Json.createReader(new StringReader(found.getString(1))).readObject());
                }
            }
            return events;
        }
    }

    private JsonObject awaitRunning(TestOrganization org) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            var current = org.api().get("api/v1/exports/current");
            if (current.status() == 200 && current.json().getJsonNumber("rows").longValue() > 0) {
                return current.json();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the export never showed as running");
    }

    private void check(TestOrganization org, String format, String query, List<String> columns, List<String> secrets) throws IOException {
        List<List<Object>> expected = expectedRows(org, query, columns);
        assertTrue(expected.size() >= 40, "enough rows to mean something: " + expected.size());
        HttpResponse<byte[]> response = org.api().file("api/v1/provisioning-keys/export?format=" + format + "&" + query + "&columns="
                + URLEncoder.encode(String.join(",", columns), StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode(), () -> new String(response.body(), StandardCharsets.UTF_8));
        String disposition = response.headers().firstValue("Content-Disposition").orElse("");
        assertTrue(disposition.matches("attachment; filename=\"keys-[A-Za-z0-9_-]+-\\d{8}T\\d{6}Z\\." + format + "\""), disposition);
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        assertNoSecret(format, response.body(), secrets, "keys");
        List<String> headers = columns.stream().flatMap(column -> HEADERS.get(column).stream()).toList();
        List<String> fields = columns.stream().flatMap(column -> FIELDS.get(column).stream()).toList();
        switch (format) {
            case "csv" -> {
                List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(new String(response.body(), StandardCharsets.UTF_8))).getRecords();
                assertEquals(headers, records.get(0).toList());
                List<List<Object>> actual = records.stream().skip(1).map(record -> record.toList().stream().map(cell -> (Object) cell).toList()).toList();
                assertSameRows(asCsvText(expected), actual, format + " " + query + " " + columns);
            }
            case "json" -> {
                JsonArray array = Json.createReader(new ByteArrayInputStream(response.body())).readArray();
                List<List<Object>> actual = new ArrayList<>();
                for (JsonValue value : array) {
                    JsonObject object = value.asJsonObject();
                    assertEquals(fields, new ArrayList<>(object.keySet()));
                    actual.add(fields.stream().map(field -> jsonCell(object.get(field))).toList());
                }
                assertSameRows(expected, actual, format + " " + query + " " + columns);
            }
            default -> {
                try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(response.body()), new ReadingOptions(true, false))) {
                    List<Row> rows = workbook.getFirstSheet().read();
                    assertEquals(headers, rows.get(0).stream().map(Cell::getText).toList());
                    List<List<Object>> actual = rows.stream().skip(1).map(row -> xlsxRow(row, fields.size())).toList();
                    assertSameRows(expected, actual, format + " " + query + " " + columns);
                }
            }
        }
    }

    private static void assertSameRows(List<List<Object>> expected, List<List<Object>> actual, String what) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertEquals(expected.get(i), actual.get(i), what + ": row " + (i + 1));
        }
        assertEquals(expected.size(), actual.size(), what + ": rows");
    }

    /** The rows the keys list answers for the same filters and sort, page by page, as typed cells. */
    private List<List<Object>> expectedRows(TestOrganization org, String query, List<String> columns) {
        Map<Long, String> groups = names(org, "api/v1/machine-groups?pageSize=500");
        Map<Long, String> certificates = names(org, "api/v1/signing-certificates?pageSize=500");
        List<List<Object>> rows = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonArray list = org.api().get("api/v1/provisioning-keys?pageSize=500&page=" + page + "&" + query).list();
            for (JsonValue value : list) {
                JsonObject key = value.asJsonObject();
                List<Object> row = new ArrayList<>();
                for (String column : columns) {
                    switch (column) {
                        case "name" -> row.add(key.getString("name"));
                        case "machineGroup" -> row.add(groups.get(key.getJsonNumber("machineGroupId").longValue()));
                        case "status" -> row.add(key.getBoolean("enabled") ? "Enabled" : "Disabled");
                        case "usage" -> {
                            row.add(new BigDecimal(key.getJsonNumber("usageCount").toString()));
                            row.add(key.isNull("maxUsage") ? null : new BigDecimal(key.getJsonNumber("maxUsage").toString()));
                        }
                        case "expires" -> row.add(instant(key, "expiresAt"));
                        case "certificate" -> row.add(certificates.get(key.getJsonNumber("signingCertificateId").longValue()));
                        case "lastUsed" -> row.add(instant(key, "lastUsedAt"));
                        case "created" -> row.add(instant(key, "createdAt"));
                        default -> throw new IllegalArgumentException(column);
                    }
                }
                rows.add(row);
            }
            if (list.size() < 500) {
                return rows;
            }
        }
    }

    private static Instant instant(JsonObject key, String field) {
        return key.isNull(field) ? null : Instant.parse(key.getString(field));
    }

    private static List<List<Object>> asCsvText(List<List<Object>> rows) {
        return rows.stream().map(row -> row.stream().map(cell -> (Object) (cell == null ? "" : cell instanceof String text && !text.isEmpty()
                && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : cell.toString())).toList()).toList();
    }

    private static Object jsonCell(JsonValue value) {
        return switch (value.getValueType()) {
            case NULL -> null;
            case NUMBER -> ((JsonNumber) value).bigDecimalValue();
            case STRING -> {
                String text = ((JsonString) value).getString();
                yield text.matches("\\d{4}-\\d{2}-\\d{2}T.*Z") ? Instant.parse(text) : text;
            }
            default -> throw new IllegalArgumentException("unexpected JSON cell " + value);
        };
    }

    private static List<Object> xlsxRow(Row row, int width) {
        List<Object> cells = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            Cell cell = c < row.getCellCount() ? row.getCell(c) : null;
            if (cell == null || cell.getType() == CellType.EMPTY) {
                cells.add(null);
            } else if (cell.getType() == CellType.STRING) {
                cells.add(cell.asString());
            } else if (cell.getType() == CellType.NUMBER && cell.getDataFormatId() != null && cell.getDataFormatId() != 0) {
                // a spreadsheet keeps a time as a fraction of a day: to the nearest second is what it can promise
                long millis = cell.asDate().toInstant(ZoneOffset.UTC).toEpochMilli();
                cells.add(Instant.ofEpochSecond(Math.round(millis / 1000.0)));
            } else {
                cells.add(cell.asNumber());
            }
        }
        return cells;
    }

    private static Map<Long, String> names(TestOrganization org, String path) {
        Map<Long, String> names = new HashMap<>();
        org.api().get(path).list().forEach(value -> names.put(value.asJsonObject().getJsonNumber("id").longValue(),
                value.asJsonObject().getString("name")));
        return names;
    }

    private static long certificate(TestOrganization org) {
        return org.api().get("api/v1/signing-certificates?name=Client").list().getJsonObject(0).getJsonNumber("id").longValue();
    }

    /** Usage, maxima, expiry and last use that differ between keys, some of them empty, and whole seconds like the API shows. */
    private static void varyBulkKeys(long organization) throws SQLException {
        try (Connection db = TestDatabase.connect(); var vary = db.prepareStatement("UPDATE provisioning_key SET max_usage = 10 + id % 7, "
                + "usage_count = id % 5, expires_at = CASE WHEN id % 3 = 0 THEN NULL ELSE date_trunc('second', now()) + (id % 50) * interval '1 day' END, "
                + "last_used_at = CASE WHEN id % 4 = 0 THEN NULL ELSE date_trunc('second', now()) - (id % 9) * interval '1 hour' END, "
                + "created_at = date_trunc('second', created_at), enabled = id % 11 <> 0 WHERE organization_id = ?")) {
            vary.setLong(1, organization);
            vary.executeUpdate();
        }
    }
}
