package io.keygate.export.internal;

import io.keygate.export.api.ExportColumn;
import io.keygate.export.api.TableFile;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/** A JSON array of objects, one per row, keyed by the columns' field names; written as it goes. */
final class JsonTableFile implements TableFile {

    private static final JsonProvider JSON = JsonProvider.provider();

    private final List<ExportColumn> columns;
    private final JsonGenerator generator;
    private long rows;

    JsonTableFile(List<ExportColumn> columns, OutputStream out) {
        this.columns = List.copyOf(columns);
        this.generator = JSON.createGenerator(out);
        generator.writeStartArray();
    }

    @Override
    public void row(List<?> cells) {
        Cells.requireWidth(cells, columns);
        generator.writeStartObject();
        for (int i = 0; i < cells.size(); i++) {
            ExportColumn column = columns.get(i);
            Object cell = cells.get(i);
            if (cell == null) {
                generator.writeNull(column.field());
            } else if (column.type() == ExportColumn.CellType.NUMBER) {
                number(column.field(), (Number) cell);
            } else if (column.type() == ExportColumn.CellType.BOOLEAN) {
                generator.write(column.field(), (Boolean) cell);
            } else {
                generator.write(column.field(), Cells.text(column, cell));
            }
        }
        generator.writeEnd();
        rows++;
    }

    private void number(String field, Number number) {
        if (number instanceof BigDecimal decimal) {
            generator.write(field, decimal);
        } else if (number instanceof BigInteger integer) {
            generator.write(field, integer);
        } else if (number instanceof Double || number instanceof Float) {
            generator.write(field, number.doubleValue());
        } else {
            generator.write(field, number.longValue());
        }
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public void finish() {
        generator.writeEnd();
        generator.flush();
    }

    @Override
    public void abandon(String why) {
        // the array stays open: a JSON parser refuses the file instead of reading fewer rows
        generator.flush();
    }
}
