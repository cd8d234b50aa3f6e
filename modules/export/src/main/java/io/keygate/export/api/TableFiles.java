package io.keygate.export.api;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** Writes tables as files; pages and REST resources hand it their columns and rows and a stream to write to. */
public interface TableFiles {

    /**
     * Starts a file on {@code out}: the header row (CSV, XLSX: the headers; XLSX also freezes it), then rows as
     * {@link TableFile#row} receives them. {@code title} names the XLSX sheet; {@code byteOrderMark} starts a CSV with
     * the UTF-8 byte order mark that spreadsheet programs look for.
     */
    TableFile open(ExportFormat format, String title, List<ExportColumn> columns, OutputStream out, boolean byteOrderMark) throws IOException;

    /**
     * Audits an export as it starts, before its first byte leaves, in a transaction of its own ({@code export.start}:
     * the table, format, filters and columns): a node that dies mid-export leaves this trace of what left it.
     */
    void recordExportStart(String table, ExportFormat format, Map<String, List<String>> filters, List<String> columns);

    /**
     * Audits an export once its last row is written or it stopped ({@code export}, {@code complete} false when it
     * stopped): the table, format, filters, columns and the rows written. Never a cell.
     */
    void recordExportEnd(String table, ExportFormat format, Map<String, List<String>> filters, List<String> columns, long rows, boolean complete);

    /** {@code <table>-<organisation>-<UTC timestamp>.<ext>}, e.g. {@code keys-acme-20261127T054100Z.csv}; only safe characters. */
    static String fileName(String table, String organization, Instant at, ExportFormat format) {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(at);
        return safe(table) + "-" + safe(organization) + "-" + stamp + "." + format.extension();
    }

    private static String safe(String part) {
        String cleaned = part.replaceAll("[^A-Za-z0-9_-]+", "_");
        return cleaned.isEmpty() ? "_" : cleaned;
    }
}
