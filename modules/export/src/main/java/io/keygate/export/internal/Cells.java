package io.keygate.export.internal;

import io.keygate.export.api.ExportColumn;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** What every format does alike with a row's cells. */
final class Cells {

    private Cells() {
    }

    static void requireWidth(List<?> cells, List<ExportColumn> columns) {
        if (cells.size() != columns.size()) {
            throw new IllegalArgumentException("A row of " + cells.size() + " cells for " + columns.size() + " columns");
        }
    }

    /**
     * A cell as plain text: numbers without exponent, instants as ISO-8601 UTC ({@code 2026-11-27T05:41:00Z}), so that
     * CSV and JSON agree and sort as text.
     */
    static String text(ExportColumn column, Object cell) {
        if (cell == null) {
            return null;
        }
        return switch (column.type()) {
            case TEXT -> cell.toString();
            case NUMBER -> cell instanceof BigDecimal decimal ? decimal.toPlainString() : cell.toString();
            case TIMESTAMP -> DateTimeFormatter.ISO_INSTANT.format((Instant) cell);
            case BOOLEAN -> Boolean.toString((Boolean) cell);
        };
    }

    /**
     * A text cell that a spreadsheet would take for a formula ({@code =}, {@code +}, {@code -}, {@code @}, tab, carriage
     * return first) gets a leading apostrophe, the OWASP advice against CSV injection: the program then shows it as text.
     */
    static String neutralised(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + text : text;
    }
}
