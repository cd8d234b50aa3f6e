package io.keygate.web.audit;

import static io.keygate.web.support.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.web.support.ApiClient;
import io.keygate.web.support.Deployments;
import io.keygate.web.support.Organizations;
import io.keygate.web.support.Organizations.TestOrganization;
import io.keygate.web.support.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The audit trail through the REST API (A2, X4): listed with the Audit Log table's filters and sorts, exported in every format
 * to exactly the rows the list answers, and for the organisation's ADMINISTRATORs only.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuditLogApiIT {

    private static final String EVENTS = "api/v1/audit-events";
    /** The fields of an event in the list and, in this order, of every file with all columns. */
    private static final List<String> FIELDS = List.of("occurredAt", "actor", "actorType", "action", "resourceType", "resourceName", "resourceId",
            "outcome", "reason", "sourceAddress", "requestId", "details");
    private static final List<String> HEADERS = List.of("Time (UTC)", "Actor", "Actor Type", "Action", "Resource Type", "Resource", "Resource Id",
            "Outcome", "Reason", "Source Address", "Request Id", "Details");
    private static final int BULK = 3_000;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.keygateWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void listsTheTrailByTheTablesFiltersAndSorts() throws Exception {
        TestOrganization org = Organizations.create(base, "audit-list");
        TestOrganization other = Organizations.create(base, "audit-other");
        TestDatabase.insertBulkAuditEvents(org.id(), BULK);

        JsonObject creates = org.api().get(EVENTS + "?action=bulk.create&sort=-occurredAt&pageSize=3").json();
        assertEquals(BULK / 4, creates.getInt("totalCount"), "event g is a create when g is a multiple of 4");
        assertEquals(List.of("res-3000", "res-2996", "res-2992"), resourceNames(creates.getJsonArray("list")), "newest first");
        JsonObject failedCreates = org.api().get(EVENTS + "?action=bulk.create&outcome=failure&sort=occurredAt&pageSize=2").json();
        assertEquals(BULK / 12, failedCreates.getInt("totalCount"));
        assertEquals(List.of("res-12", "res-24"), resourceNames(failedCreates.getJsonArray("list")));
        JsonObject event = failedCreates.getJsonArray("list").getJsonObject(0);
        assertEquals("FAILURE", event.getString("outcome"));
        assertEquals("refused 12", event.getString("reason"));
        assertEquals("2026-01-01T00:00:06Z", event.getString("occurredAt"));

        assertEquals(1_200, org.api().get(EVENTS + "?occurredFrom=2026-01-01T00:10:00Z&occurredTo=2026-01-01T00:20:00Z").json().getInt("totalCount"),
                "events 1200 to 2399 happen in those ten minutes");
        assertEquals(BULK / 5, org.api().get(EVENTS + "?actor=ACTOR-3").json().getInt("totalCount"), "actor contains, ignoring case");
        assertEquals(List.of("res-2999"), resourceNames(org.api().get(EVENTS + "?resourceName=res-2999").list()));
        assertEquals(List.of("res-1234"), resourceNames(org.api().get(EVENTS + "?search=req-1234").list()), "search finds the request id");
        assertEquals(BULK, org.api().get(EVENTS + "?resourceType=bulk%20resource").json().getInt("totalCount"));
        assertEquals(List.of("res-1", "res-10", "res-100"), resourceNames(org.api().get(EVENTS + "?resourceType=bulk%20resource&sort=resourceName&pageSize=3")
                .list()));
        assertEquals(0, other.api().get(EVENTS + "?action=bulk.create").json().getInt("totalCount"), "another organisation sees none of it");

        assertError(org.api().get(EVENTS + "?occurredFrom=yesterday"), 400, "instant_invalid");
        assertError(org.api().get(EVENTS + "?occurredFrom=2026-02-01&occurredTo=2026-01-01"), 400, "range_empty");
        assertError(org.api().get(EVENTS + "?outcome=maybe"), 400, "choice_invalid");
        assertError(org.api().get(EVENTS + "?colour=red"), 400, "filter_unknown");
        assertError(org.api().get(EVENTS + "?sort=details"), 400, "sort_invalid");
    }

    @Test
    void everyFormatHoldsExactlyTheListsEventsAcrossBatches() throws Exception {
        TestOrganization org = Organizations.create(base, "audit-export");
        TestDatabase.insertBulkAuditEvents(org.id(), BULK);
        String tenMinutes = "occurredFrom=2026-01-01T00:10:00Z&occurredTo=2026-01-01T00:20:00Z";

        checkJson(org, tenMinutes + "&sort=-occurredAt");
        // the bulk actors only: an export of the whole trail holds its own export.start event, which no list read before it has
        checkJson(org, "actor=bulk-actor&sort=actorName");
        // exactly one full batch: the export must see that nothing follows it
        checkJson(org, "outcome=failure&sort=-resourceName");
        checkCsv(org, tenMinutes + "&sort=action");
        checkXlsx(org, tenMinutes + "&sort=occurredAt");

        List<CSVRecord> chosen = csv(org.api().file(EVENTS + "/export?format=csv&resourceName=res-77&sort=resourceName&columns=resourceName,occurred,outcome"));
        assertEquals(List.of(List.of("Resource", "Resource Id", "Time (UTC)", "Outcome"), List.of("res-77", "77", "2026-01-01T00:00:38Z", "Success"),
                List.of("res-770", "770", "2026-01-01T00:06:25Z", "Success"), List.of("res-771", "771", "2026-01-01T00:06:25Z", "Failure"),
                List.of("res-772", "772", "2026-01-01T00:06:26Z", "Success"), List.of("res-773", "773", "2026-01-01T00:06:26Z", "Success"),
                List.of("res-774", "774", "2026-01-01T00:06:27Z", "Failure"), List.of("res-775", "775", "2026-01-01T00:06:27Z", "Success"),
                List.of("res-776", "776", "2026-01-01T00:06:28Z", "Success"), List.of("res-777", "777", "2026-01-01T00:06:28Z", "Failure"),
                List.of("res-778", "778", "2026-01-01T00:06:29Z", "Success"), List.of("res-779", "779", "2026-01-01T00:06:29Z", "Success")),
                chosen.stream().map(CSVRecord::toList).toList(), "the chosen columns in the chosen order");

        List<JsonObject> audited = org.api().get(EVENTS + "?action=export&sort=occurredAt").list().getValuesAs(JsonObject.class);
        assertEquals(6, audited.size(), "each export is audited: " + audited);
        assertTrue(audited.stream().allMatch(event -> "audit-log".equals(event.getString("resourceName"))), audited.toString());
        assertEquals(1_200, Json.createReader(new StringReader(audited.get(0).getString("details"))).readObject().getInt("rows"));
        assertError(org.api().get(EVENTS + "/export?format=csv&columns=secret"), 400, "columns_invalid");
    }

    @Test
    void onlyAdministratorsReadOrExportTheTrail() throws Exception {
        TestOrganization org = Organizations.create(base, "audit-readers");
        String viewer = org.addReadOnlyAdmin("viewer");
        ApiClient readOnly = ApiClient.as(base, viewer, Organizations.PASSWORD);
        long eventsBefore = auditRows(org.id());

        assertError(readOnly.get(EVENTS), 403, "administrator_required");
        assertError(readOnly.get(EVENTS + "/export?format=csv"), 403, "administrator_required");
        assertEquals(404, readOnly.get("api/v1/exports/current").status(), "the refused export never started");
        assertEquals(eventsBefore, auditRows(org.id()), "a refused read exports nothing and so audits no export");
        assertEquals(200, org.api().file(EVENTS + "/export?format=csv").statusCode(), "the organisation's ADMINISTRATOR may");
        assertError(ApiClient.as(base, ApiClient.OPERATOR, ApiClient.OPERATOR_PASSWORD).get(EVENTS + "/export?format=csv"), 403,
                "organization_required");
    }

    @Test
    void certificatesExportMatchesTheCertificatesList() throws Exception {
        TestOrganization org = Organizations.create(base, "export-certificates");
        long root = org.api().get("api/v1/signing-certificates?name=Root").list().getJsonObject(0).getJsonNumber("id").longValue();
        assertEquals(201, org.api().post("api/v1/signing-certificates", "{\"name\":\"Lab-CA\",\"description\":\"=1+1 lab\",\"type\":\"INTERMEDIATE\","
                + "\"parentId\":" + root + "}").status());

        JsonArray listed = org.api().get("api/v1/signing-certificates?sort=-validTo").list();
        JsonArray exported = Json.createReader(new ByteArrayInputStream(org.api().file("api/v1/signing-certificates/export?format=json&sort=-validTo")
                .body())).readArray();
        assertEquals(listed.size(), exported.size());
        assertTrue(listed.size() >= 3, listed.toString());
        for (int i = 0; i < listed.size(); i++) {
            JsonObject certificate = listed.getJsonObject(i);
            JsonObject row = exported.getJsonObject(i);
            assertEquals(List.of("name", "description", "type", "subject", "validFrom", "validTo", "fingerprintSha256", "keys"),
                    new ArrayList<>(row.keySet()));
            for (String field : List.of("name", "type", "subject", "validFrom", "validTo", "fingerprintSha256")) {
                assertEquals(certificate.get(field), row.get(field), field + " of row " + i);
            }
            assertEquals(certificate.getJsonNumber("keyCount").longValue(), row.getJsonNumber("keys").longValue());
        }
        HttpResponse<byte[]> file = org.api().file("api/v1/signing-certificates/export?format=csv&type=intermediate&sort=-name&columns=name,description");
        assertTrue(file.headers().firstValue("Content-Disposition").orElse("")
                .matches("attachment; filename=\"signing-certificates-[A-Za-z0-9_-]+-\\d{8}T\\d{6}Z\\.csv\""));
        assertEquals(List.of(List.of("Name", "Description"), List.of("Lab-CA", "'=1+1 lab"),
                List.of("Client", "Signs the certificates of enrolled machines; signed by Root")), csv(file).stream().map(CSVRecord::toList).toList(),
                "the filter applies and the formula is neutralised");
    }

    private void checkJson(TestOrganization org, String query) {
        List<JsonObject> expected = listed(org, query);
        assertTrue(expected.size() >= 1_000, "a full export batch at least: " + expected.size());
        JsonArray file = Json.createReader(new ByteArrayInputStream(org.api().file(EVENTS + "/export?format=json&" + query).body())).readArray();
        assertEquals(expected.size(), file.size(), query);
        for (int i = 0; i < expected.size(); i++) {
            JsonObject row = file.getJsonObject(i);
            assertEquals(FIELDS, new ArrayList<>(row.keySet()));
            assertEquals(expectedCells(expected.get(i)), FIELDS.stream().map(field -> row.isNull(field) ? null : row.getString(field)).toList(),
                    query + ": row " + i);
        }
    }

    private void checkCsv(TestOrganization org, String query) {
        List<JsonObject> expected = listed(org, query);
        List<CSVRecord> records = csv(org.api().file(EVENTS + "/export?format=csv&" + query));
        assertEquals(HEADERS, records.get(0).toList());
        assertEquals(expected.size(), records.size() - 1, query);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expectedCells(expected.get(i)).stream().map(cell -> cell == null ? "" : cell).toList(), records.get(i + 1).toList(),
                    query + ": row " + i);
        }
    }

    private void checkXlsx(TestOrganization org, String query) throws Exception {
        List<JsonObject> expected = listed(org, query);
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(org.api().file(EVENTS + "/export?format=xlsx&" + query).body()))) {
            List<Row> rows = workbook.getFirstSheet().read();
            assertEquals(HEADERS, rows.get(0).stream().map(Cell::getText).toList());
            assertEquals(expected.size(), rows.size() - 1, query);
            for (int i = 0; i < expected.size(); i++) {
                Row row = rows.get(i + 1);
                List<String> cells = new ArrayList<>();
                Cell time = row.getCell(0);
                assertEquals(CellType.NUMBER, time.getType(), "the time is a date cell");
                cells.add(time.asDate().toInstant(ZoneOffset.UTC).toString());
                for (int c = 1; c < FIELDS.size(); c++) {
                    Cell cell = c < row.getCellCount() ? row.getCell(c) : null;
                    cells.add(cell == null || cell.getType() == CellType.EMPTY ? null : cell.asString());
                }
                assertEquals(expectedCells(expected.get(i)), cells, query + ": row " + i);
            }
        }
    }

    /** The list's events for the same filters and sort, every page of them. */
    private List<JsonObject> listed(TestOrganization org, String query) {
        List<JsonObject> events = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonArray list = org.api().get(EVENTS + "?pageSize=500&page=" + page + "&" + query).list();
            list.stream().map(JsonValue::asJsonObject).forEach(events::add);
            if (list.size() < 500) {
                return events;
            }
        }
    }

    /** An event of the list as the cells of a file with all columns, as text; times to the second like a spreadsheet holds them. */
    private static List<String> expectedCells(JsonObject event) {
        List<String> cells = new ArrayList<>();
        cells.add(Instant.parse(event.getString("occurredAt")).toString());
        for (String field : List.of("actorName", "actorType", "action", "resourceType", "resourceName", "resourceId", "outcome", "reason",
                "sourceAddress", "requestId", "details")) {
            String value = event.isNull(field) ? null : event.getString(field);
            // as the table shows it
            cells.add("outcome".equals(field) ? ("SUCCESS".equals(value) ? "Success" : "Failure") : value);
        }
        return cells;
    }

    private static List<String> resourceNames(JsonArray events) {
        return events.stream().map(value -> value.asJsonObject().getString("resourceName")).toList();
    }

    private static List<CSVRecord> csv(HttpResponse<byte[]> file) {
        assertEquals(200, file.statusCode(), () -> new String(file.body(), StandardCharsets.UTF_8));
        try {
            return CSVFormat.RFC4180.parse(new StringReader(new String(file.body(), StandardCharsets.UTF_8))).getRecords();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static long auditRows(long organization) throws SQLException {
        try (Connection db = TestDatabase.connect(); var count = db.prepareStatement("SELECT count(*) FROM audit_event WHERE organization_id = ?")) {
            count.setLong(1, organization);
            try (var found = count.executeQuery()) {
                found.next();
                return found.getLong(1);
            }
        }
    }
}
