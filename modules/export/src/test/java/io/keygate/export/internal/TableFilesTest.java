package io.keygate.export.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.export.api.ExportColumn;
import io.keygate.export.api.ExportColumn.CellType;
import io.keygate.export.api.ExportFormat;
import io.keygate.export.api.TableFile;
import io.keygate.export.api.TableFiles;
import io.keygate.platform.api.InvalidInputException;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

class TableFilesTest {

    private static final List<ExportColumn> COLUMNS = List.of(new ExportColumn("name", "Name", CellType.TEXT),
            new ExportColumn("usageCount", "Usage", CellType.NUMBER), new ExportColumn("createdAt", "Created", CellType.TIMESTAMP),
            new ExportColumn("exportable", "View/Export", CellType.BOOLEAN));
    private static final Instant CREATED = Instant.parse("2026-11-27T05:41:07Z");
    private static final List<String> FORMULAS = List.of("=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tindent", "\rreturn");

    private final TableFiles files = new DefaultTableFiles();

    @Test
    void csvFollowsRfc4180AndParsesBackWithARealParser() throws IOException {
        List<List<?>> rows = List.of(row("plain", 3, CREATED, true), row("a, \"quoted\"\r\nmulti-line", -4, null, false),
                row("ünïcødé ✓", 0, CREATED, null));
        String csv = new String(write(ExportFormat.CSV, rows, false), StandardCharsets.UTF_8);

        assertTrue(csv.startsWith("Name,Usage,Created,View/Export\r\n"), csv);
        assertTrue(csv.contains("\"a, \"\"quoted\"\"\r\nmulti-line\",-4,,false\r\n"), csv);
        List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(csv)).getRecords();
        assertEquals(4, records.size());
        assertEquals(List.of("plain", "3", "2026-11-27T05:41:07Z", "true"), records.get(1).toList());
        assertEquals(List.of("a, \"quoted\"\r\nmulti-line", "-4", "", "false"), records.get(2).toList());
        assertEquals(List.of("ünïcødé ✓", "0", "2026-11-27T05:41:07Z", ""), records.get(3).toList());
    }

    @Test
    void csvNeutralisesEveryFormulaStartInTextButNotNegativeNumbers() throws IOException {
        List<List<?>> rows = new ArrayList<>();
        FORMULAS.forEach(payload -> rows.add(row(payload, -1, null, null)));
        List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(new String(write(ExportFormat.CSV, rows, false),
                StandardCharsets.UTF_8))).getRecords();
        for (int i = 0; i < FORMULAS.size(); i++) {
            assertEquals("'" + FORMULAS.get(i), records.get(i + 1).get(0));
            assertEquals("-1", records.get(i + 1).get(1), "a number is not text a spreadsheet would evaluate");
        }
    }

    @Test
    void csvStartsWithAByteOrderMarkOnlyWhenAsked() throws IOException {
        byte[] with = write(ExportFormat.CSV, List.of(row("x", 1, null, null)), true);
        byte[] without = write(ExportFormat.CSV, List.of(row("x", 1, null, null)), false);
        assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(with[0], with[1], with[2]));
        assertEquals('N', without[0]);
    }

    @Test
    void jsonIsAnArrayOfTypedObjectsKeyedByFieldNames() throws IOException {
        byte[] json = write(ExportFormat.JSON, List.of(row("=1+1", 7, CREATED, true), row("second", 0, null, null)), false);
        JsonArray array = Json.createReader(new ByteArrayInputStream(json)).readArray();
        assertEquals(2, array.size());
        JsonObject first = array.getJsonObject(0);
        assertEquals(List.of("name", "usageCount", "createdAt", "exportable"), new ArrayList<>(first.keySet()));
        assertEquals("=1+1", first.getString("name"), "JSON is data for programs, not a spreadsheet: kept as it is");
        assertEquals(7, first.getJsonNumber("usageCount").longValue());
        assertEquals("2026-11-27T05:41:07Z", first.getString("createdAt"));
        assertEquals(JsonValue.TRUE, first.get("exportable"));
        assertEquals(JsonValue.NULL, array.getJsonObject(1).get("createdAt"));
        assertEquals(JsonValue.NULL, array.getJsonObject(1).get("exportable"));
    }

    @Test
    void emptyJsonIsAnEmptyArray() throws IOException {
        assertEquals("[]", new String(write(ExportFormat.JSON, List.of(), false), StandardCharsets.UTF_8));
    }

    @Test
    void xlsxHasTypedCellsAFrozenHeaderAndNoFormulas() throws IOException {
        List<List<?>> rows = new ArrayList<>();
        rows.add(row("gateway", 12, CREATED, true));
        FORMULAS.forEach(payload -> rows.add(row(payload, 0, null, false)));
        byte[] xlsx = write(ExportFormat.XLSX, rows, false);

        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx), new ReadingOptions(true, false))) {
            List<Row> read = workbook.getFirstSheet().read();
            assertEquals(1 + rows.size(), read.size());
            assertEquals(List.of("Name", "Usage", "Created", "View/Export"), read.get(0).stream().map(Cell::getText).toList());
            Row first = read.get(1);
            assertEquals(org.dhatim.fastexcel.reader.CellType.STRING, first.getCell(0).getType());
            assertEquals("gateway", first.getCell(0).asString());
            assertEquals(org.dhatim.fastexcel.reader.CellType.NUMBER, first.getCell(1).getType());
            assertEquals(new BigDecimal("12"), first.getCell(1).asNumber());
            assertEquals(LocalDateTime.parse("2026-11-27T05:41:07"), first.getCell(2).asDate());
            assertEquals(XlsxTableFile.DATE_TIME_FORMAT, first.getCell(2).getDataFormatString());
            assertEquals(Boolean.TRUE, first.getCell(3).asBoolean());
            for (int i = 0; i < FORMULAS.size(); i++) {
                Cell payload = read.get(i + 2).getCell(0);
                assertEquals(org.dhatim.fastexcel.reader.CellType.STRING, payload.getType(), "a formula-like name stays text: " + FORMULAS.get(i));
                assertEquals(null, payload.getFormula());
                assertEquals(FORMULAS.get(i).strip(), payload.asString().strip());
            }
        }
        String sheet = entry(xlsx, "xl/worksheets/sheet1.xml");
        assertTrue(sheet.contains("ySplit=\"1\"") && sheet.contains("state=\"frozen\""), "the header row is frozen: " + sheet.substring(0, 600));
        assertFalse(sheet.contains("<f>"), "no cell is a formula");
        assertFalse(entry(xlsx, "[Content_Types].xml").isEmpty());
    }

    @Test
    void rowsMustFitTheColumns() throws IOException {
        TableFile file = files.open(ExportFormat.CSV, "Keys", COLUMNS, new ByteArrayOutputStream(), false);
        assertThrows(IllegalArgumentException.class, () -> file.row(List.of("only one")));
    }

    @Test
    void anAbandonedCsvSaysItIsIncompleteAndAStrictParserRefusesIt() throws IOException {
        String csv = new String(abandoned(ExportFormat.CSV), StandardCharsets.UTF_8);

        assertTrue(csv.endsWith("\r\n\"INCOMPLETE EXPORT: Keygate stopped writing this file after 2 rows (cancelled). It is not the whole table; "
                + "export again."), csv);
        assertThrows(UncheckedIOException.class, () -> CSVFormat.RFC4180.parse(new StringReader(csv)).getRecords(),
                "the last field's quote never closes");
        assertEquals("gateway", CSVFormat.RFC4180.parse(new StringReader(csv.substring(0, csv.lastIndexOf("\r\n") + 2))).getRecords()
                .get(1).get(0), "the rows written before are whole");
    }

    @Test
    void anAbandonedJsonFileIsNoJson() throws IOException {
        byte[] json = abandoned(ExportFormat.JSON);

        assertTrue(new String(json, StandardCharsets.UTF_8).startsWith("[{\"name\":\"gateway\""), "the rows written reached the stream");
        assertThrows(JsonException.class, () -> Json.createReader(new ByteArrayInputStream(json)).readArray());
    }

    @Test
    void anAbandonedWorkbookIsNoWorkbook() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TableFile workbook = files.open(ExportFormat.XLSX, "Keys", COLUMNS, out, false);
        for (int i = 0; i < 2_500; i++) {
            workbook.row(row("key-" + i, i, CREATED, true));
        }
        workbook.abandon("cancelled");
        byte[] xlsx = out.toByteArray();

        assertTrue(xlsx.length > 10_000, "the rows flushed so far reached the stream: " + xlsx.length + " bytes");
        Path file = Files.createTempFile("abandoned", ".xlsx");
        try {
            Files.write(file, xlsx);
            assertThrows(IOException.class, () -> new ZipFile(file.toFile()).close(), "a ZIP without its central directory");
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void formatsAreParsedByExtensionAndAnythingElseIsRefused() {
        assertEquals(ExportFormat.XLSX, ExportFormat.parse(" XLSX "));
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> ExportFormat.parse("pdf"));
        assertEquals("format_invalid", refused.id());
        assertTrue(refused.getMessage().contains("csv, xlsx, json"), refused.getMessage());
        assertEquals("format_missing", assertThrows(InvalidInputException.class, () -> ExportFormat.parse(null)).id());
    }

    @Test
    void fileNamesCarryTableOrganisationAndUtcTime() {
        assertEquals("keys-acme_corp-20261127T054107Z.csv", TableFiles.fileName("keys", "acme corp", CREATED, ExportFormat.CSV));
        assertEquals("machine-groups-_-20261127T054107Z.xlsx", TableFiles.fileName("machine-groups", "../", CREATED, ExportFormat.XLSX));
    }

    @Test
    void sheetNamesFollowExcelsRules() {
        assertEquals("Keys  2026", XlsxTableFile.sheetName("Keys [2026]"));
        assertEquals(31, XlsxTableFile.sheetName("x".repeat(40)).length());
        assertEquals("Export", XlsxTableFile.sheetName("  "));
    }

    private byte[] write(ExportFormat format, List<List<?>> rows, boolean byteOrderMark) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TableFile file = files.open(format, "Keys", COLUMNS, out, byteOrderMark);
        for (List<?> row : rows) {
            file.row(row);
        }
        assertEquals(rows.size(), file.rows());
        file.finish();
        return out.toByteArray();
    }

    /** Two rows, then the export stops. */
    private byte[] abandoned(ExportFormat format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TableFile file = files.open(format, "Keys", COLUMNS, out, false);
        file.row(row("gateway", 12, CREATED, true));
        file.row(row("second", 0, null, null));
        file.abandon("cancelled");
        return out.toByteArray();
    }

    private static List<?> row(String name, long usage, Instant created, Boolean exportable) {
        return Arrays.asList(name, usage, created, exportable);
    }

    private static String entry(byte[] zip, String name) throws IOException {
        Path file = Files.createTempFile("export", ".xlsx");
        try {
            Files.write(file, zip);
            try (ZipFile entries = new ZipFile(file.toFile())) {
                ZipEntry entry = entries.getEntry(name);
                return entry == null ? "" : new String(entries.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
            }
        } finally {
            Files.delete(file);
        }
    }
}
