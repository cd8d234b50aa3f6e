package io.keygate.web.exports;

import io.keygate.export.api.ExportColumn;
import io.keygate.export.api.ExportFormat;
import io.keygate.export.api.TableFile;
import io.keygate.export.api.TableFiles;
import io.keygate.platform.api.CriteriaPages;
import io.keygate.platform.api.InvalidInputException;
import io.keygate.platform.api.SortOrder;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One table as a file (X1): its file columns by the table's column ids, how its filters are read and its rows
 * fetched. The rows are those the table's filters, search and sort select, all of them; the columns those asked
 * for, in the order asked. The export module writes the file.
 */
public final class TableExport<R> {

    /** What an export reads beside the table's own filters. */
    static final Set<String> OWN_PARAMETERS = Set.of("format", "columns", "sort", "bom");

    /** A file column and how a row fills it; one table column may become several file columns (Usage: used, maximum). */
    public record Column<R>(ExportColumn column, Function<R, Object> value) {
    }

    /** The table's module, seen from an export. */
    public interface Rows<R> {

        /** The filters read and checked (an unknown name or a bad value is refused), in their normal form. */
        Map<String, List<String>> filters(Map<String, List<String>> parameters, Set<String> skipped);

        long forEach(Map<String, List<String>> filters, List<SortOrder> sort, CriteriaPages.RowHandler<R> each) throws IOException;
    }

    /** A checked request: nothing is read from the database until {@link #write} streams it. */
    public record Request(ExportFormat format, Map<String, List<String>> filters, List<SortOrder> sort, List<String> columns,
                          boolean byteOrderMark) {
    }

    private final String table;
    private final String title;
    private final Map<String, List<Column<R>>> columns;
    private final Set<String> sortable;
    private final Rows<R> rows;

    public TableExport(String table, String title, Map<String, List<Column<R>>> columns, Set<String> sortable, Rows<R> rows) {
        this.table = table;
        this.title = title;
        this.columns = new LinkedHashMap<>(columns);
        this.sortable = Set.copyOf(sortable);
        this.rows = rows;
    }

    public String table() {
        return table;
    }

    /** The table's column ids a file can have, in the table's default order. */
    public List<String> columnIds() {
        return List.copyOf(columns.keySet());
    }

    /** Reads and checks the parameters: format, columns, sort, bom and the table's filters; refuses with 400 naming the bad one. */
    public Request request(Map<String, List<String>> parameters) {
        ExportFormat format = ExportFormat.parse(single(parameters, "format"));
        Map<String, List<String>> filters = rows.filters(parameters, OWN_PARAMETERS);
        String sortText = single(parameters, "sort");
        List<SortOrder> sort = sortText == null || sortText.isBlank() ? List.of()
                : Arrays.stream(sortText.split(",")).map(String::strip).map(s -> SortOrder.parse(s, sortable)).toList();
        String bom = single(parameters, "bom");
        if (bom != null && !bom.equals("true") && !bom.equals("false")) {
            throw new InvalidInputException("bom_invalid", "bom", "bom is true or false.");
        }
        return new Request(format, filters, sort, chosenColumns(parameters.get("columns")), "true".equals(bom));
    }

    public String fileName(Request request, String organization, Instant at) {
        return TableFiles.fileName(table, organization, at, request.format());
    }

    /** Told of every row written; throws to stop the export (a cancel). */
    @FunctionalInterface
    public interface Progress {
        void wrote() throws IOException;
    }

    /**
     * Streams the file; audits the export as it starts and when it ends, with the rows written, also when the client
     * went away. An export that stops early (cancelled, the database failed) leaves a file that cannot pass for the
     * whole table ({@link TableFile#abandon}), then rethrows: Payara still ends the response as if it were whole.
     */
    public long write(Request request, OutputStream out, TableFiles files, Progress progress) throws IOException {
        List<Column<R>> chosen = request.columns().stream().flatMap(id -> columns.get(id).stream()).toList();
        files.recordExportStart(table, request.format(), request.filters(), request.columns());
        TableFile file = null;
        boolean complete = false;
        try {
            TableFile opened = files.open(request.format(), title, chosen.stream().map(Column::column).toList(), out, request.byteOrderMark());
            file = opened;
            rows.forEach(request.filters(), request.sort(), row -> {
                List<Object> cells = new ArrayList<>(chosen.size());
                chosen.forEach(column -> cells.add(column.value().apply(row)));
                opened.row(cells);
                progress.wrote();
            });
            opened.finish();
            complete = true;
            return opened.rows();
        } catch (IOException | RuntimeException stopped) {
            if (file != null) {
                abandon(file, stopped);
            }
            throw stopped;
        } finally {
            files.recordExportEnd(table, request.format(), request.filters(), request.columns(), file == null ? 0 : file.rows(), complete);
        }
    }

    private static void abandon(TableFile file, Exception stopped) {
        try {
            file.abandon(stopped instanceof ExportRuns.ExportCancelledException ? "cancelled" : "stopped by an error");
        } catch (IOException | RuntimeException unwritable) {
            // the client has gone: its download has failed anyway
            stopped.addSuppressed(unwritable);
        }
    }

    private List<String> chosenColumns(List<String> values) {
        if (values == null || values.isEmpty()) {
            return columnIds();
        }
        List<String> chosen = new ArrayList<>();
        for (String value : values) {
            for (String id : value.split(",")) {
                String column = id.strip();
                if (!columns.containsKey(column)) {
                    throw new InvalidInputException("columns_invalid", "columns", "Unknown column '" + (column.length() > 40 ? column.substring(0, 40)
                            : column) + "'. Columns: " + String.join(", ", columns.keySet()) + ".");
                }
                if (!chosen.contains(column)) {
                    chosen.add(column);
                }
            }
        }
        if (chosen.isEmpty()) {
            throw new InvalidInputException("columns_invalid", "columns", "Name at least one column: " + String.join(", ", columns.keySet()) + ".");
        }
        return List.copyOf(chosen);
    }

    private static String single(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new InvalidInputException(name + "_invalid", name, "Give " + name + " once.");
        }
        return values.get(0);
    }
}
