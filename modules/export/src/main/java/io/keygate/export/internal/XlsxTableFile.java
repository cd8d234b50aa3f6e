package io.keygate.export.internal;

import io.keygate.export.api.ExportColumn;
import io.keygate.export.api.TableFile;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * One worksheet through fastexcel's streaming writer: a bold, frozen header row, then typed cells (numbers as
 * numbers, instants as date-time cells in UTC, booleans as booleans). Text is written inline rather than through the
 * shared-string table, which would keep every distinct string of the export in memory; text cells are never
 * formulas, so a name starting with {@code =} stays text.
 */
final class XlsxTableFile implements TableFile {

    /** The last row a worksheet has is 1,048,576; the header takes one. */
    static final long MAX_ROWS = 1_048_575;
    static final String DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm:ss";
    private static final int ROWS_PER_FLUSH = 1_000;

    private final List<ExportColumn> columns;
    private final OutputStream out;
    private final Workbook workbook;
    private final Worksheet sheet;
    private long rows;

    XlsxTableFile(String title, List<ExportColumn> columns, OutputStream out) throws IOException {
        this.columns = List.copyOf(columns);
        this.out = out;
        // the workbook closes its stream when it finishes; the caller owns it
        this.workbook = new Workbook(new FilterOutputStream(out) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        }, "Keygate", "1.0");
        this.sheet = workbook.newWorksheet(sheetName(title));
        for (int c = 0; c < columns.size(); c++) {
            sheet.inlineString(0, c, columns.get(c).header());
            sheet.style(0, c).bold().set();
        }
        sheet.freezePane(0, 1);
    }

    @Override
    public void row(List<?> cells) throws IOException {
        Cells.requireWidth(cells, columns);
        if (rows >= MAX_ROWS) {
            throw new IOException("An XLSX worksheet holds at most " + MAX_ROWS + " rows; export CSV or JSON instead.");
        }
        int r = (int) rows + 1;
        for (int c = 0; c < cells.size(); c++) {
            Object cell = cells.get(c);
            if (cell == null) {
                continue;
            }
            switch (columns.get(c).type()) {
                case TEXT -> sheet.inlineString(r, c, cell.toString());
                case NUMBER -> sheet.value(r, c, (Number) cell);
                case BOOLEAN -> sheet.value(r, c, (Boolean) cell);
                case TIMESTAMP -> {
                    sheet.value(r, c, LocalDateTime.ofInstant((Instant) cell, ZoneOffset.UTC));
                    sheet.style(r, c).format(DATE_TIME_FORMAT).set();
                }
            }
        }
        rows++;
        if (rows % ROWS_PER_FLUSH == 0) {
            sheet.flush();
        }
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public void finish() throws IOException {
        sheet.finish();
        workbook.finish();
    }

    @Override
    public void abandon(String why) throws IOException {
        // the workbook stays unfinished: a ZIP without its central directory, which spreadsheet programs refuse
        out.flush();
    }

    /** Excel allows 31 characters and none of {@code [ ] : * ? / \}. */
    static String sheetName(String title) {
        String cleaned = title == null ? "" : title.replaceAll("[\\[\\]:*?/\\\\]", " ").strip();
        if (cleaned.isEmpty()) {
            return "Export";
        }
        return cleaned.length() > 31 ? cleaned.substring(0, 31) : cleaned;
    }
}
