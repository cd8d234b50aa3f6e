package io.keygate.export.internal;

import io.keygate.export.api.ExportColumn;
import io.keygate.export.api.TableFile;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * RFC 4180: CRLF after every record, fields quoted when they hold a comma, quote, CR or LF, quotes doubled. An
 * abandoned file ends inside an open quote, which RFC 4180 does not allow.
 */
final class CsvTableFile implements TableFile {

    private final List<ExportColumn> columns;
    private final Writer writer;
    private long rows;

    CsvTableFile(List<ExportColumn> columns, OutputStream out, boolean byteOrderMark) throws IOException {
        this.columns = List.copyOf(columns);
        this.writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        if (byteOrderMark) {
            writer.write('\uFEFF');
        }
        for (int i = 0; i < columns.size(); i++) {
            field(i, Cells.neutralised(columns.get(i).header()));
        }
        writer.write("\r\n");
    }

    @Override
    public void row(List<?> cells) throws IOException {
        Cells.requireWidth(cells, columns);
        for (int i = 0; i < cells.size(); i++) {
            ExportColumn column = columns.get(i);
            String text = Cells.text(column, cells.get(i));
            field(i, column.type() == ExportColumn.CellType.TEXT ? Cells.neutralised(text) : text);
        }
        writer.write("\r\n");
        rows++;
    }

    private void field(int index, String text) throws IOException {
        if (index > 0) {
            writer.write(',');
        }
        if (text == null || text.isEmpty()) {
            return;
        }
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\r') < 0 && text.indexOf('\n') < 0) {
            writer.write(text);
            return;
        }
        writer.write('"');
        writer.write(text.replace("\"", "\"\""));
        writer.write('"');
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public void finish() throws IOException {
        writer.flush();
    }

    @Override
    public void abandon(String why) throws IOException {
        writer.write("\"" + incomplete(rows, why).replace("\"", "\"\""));
        writer.flush();
    }

    /** The sentence an abandoned file ends with. */
    static String incomplete(long rows, String why) {
        return "INCOMPLETE EXPORT: Keygate stopped writing this file after " + rows + (rows == 1 ? " row" : " rows") + " (" + why
                + "). It is not the whole table; export again.";
    }
}
