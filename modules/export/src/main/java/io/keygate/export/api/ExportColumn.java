package io.keygate.export.api;

import java.util.Objects;

/**
 * One column of an exported table: {@code field} names it in JSON (stable, like the REST API's field names),
 * {@code header} is the column's title as the table shows it (CSV and XLSX), {@code type} decides how cells are written.
 */
public record ExportColumn(String field, String header, CellType type) {

    public ExportColumn {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(type, "type");
    }

    /**
     * TEXT cells are strings ({@code String}); NUMBER cells are {@code Number}s; TIMESTAMP cells are {@code Instant}s
     * (UTC); BOOLEAN cells are {@code Boolean}s. A {@code null} cell is empty (JSON {@code null}).
     */
    public enum CellType {
        TEXT, NUMBER, TIMESTAMP, BOOLEAN
    }
}
