package io.keygate.web.exports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keygate.export.api.ExportColumn;
import io.keygate.export.api.ExportColumn.CellType;
import io.keygate.export.api.ExportFormat;
import io.keygate.export.api.TableFile;
import io.keygate.export.api.TableFiles;
import io.keygate.platform.api.CriteriaPages;
import io.keygate.platform.api.SortOrder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * How an export ends: the file's end is written only after its last row, an export that stops early abandons its
 * file instead, and the audit trail hears of the start before any row and of the end in every case.
 */
class TableExportTest {

    private final Journal journal = new Journal();
    private final Map<String, List<String>> csv = Map.of("format", List.of("csv"));

    @Test
    void aWholeExportIsFinishedAndAuditedAsComplete() throws IOException {
        TableExport<String> export = export(List.of("a", "b", "c"), null);

        assertEquals(3, export.write(export.request(csv), new ByteArrayOutputStream(), journal, () -> { }));
        assertEquals(List.of("start", "open", "row a", "row b", "row c", "finish", "end 3 complete"), journal.steps);
    }

    @Test
    void anExportWhoseRowsFailMidwayAbandonsItsFileAndIsAuditedAsUnfinished() {
        IllegalStateException databaseGone = new IllegalStateException("the database went away");
        TableExport<String> export = export(List.of("a", "b", "c"), databaseGone);

        assertSame(databaseGone, assertThrows(IllegalStateException.class,
                () -> export.write(export.request(csv), new ByteArrayOutputStream(), journal, () -> { })));
        assertEquals(List.of("start", "open", "row a", "row b", "row c", "abandon stopped by an error", "end 3 unfinished"), journal.steps);
    }

    @Test
    void aCancelledExportSaysSoInItsAbandonedFile() {
        TableExport<String> export = export(List.of("a", "b", "c"), null);
        int[] written = {0};

        assertThrows(ExportRuns.ExportCancelledException.class, () -> export.write(export.request(csv), new ByteArrayOutputStream(), journal,
                () -> {
                    if (++written[0] == 2) {
                        throw new ExportRuns.ExportCancelledException();
                    }
                }));
        assertEquals(List.of("start", "open", "row a", "row b", "abandon cancelled", "end 2 unfinished"), journal.steps);
    }

    @Test
    void aClientThatLeftBeforeTheFileBeganIsAuditedWithNoRows() {
        journal.openFails = true;
        TableExport<String> export = export(List.of("a"), null);

        assertThrows(IOException.class, () -> export.write(export.request(csv), new ByteArrayOutputStream(), journal, () -> { }));
        assertEquals(List.of("start", "end 0 unfinished"), journal.steps);
    }

    @Test
    void aFileWhoseEndCannotBeWrittenIsAbandonedNotCountedComplete() {
        journal.finishFails = true;
        TableExport<String> export = export(List.of("a"), null);

        assertThrows(IOException.class, () -> export.write(export.request(csv), new ByteArrayOutputStream(), journal, () -> { }));
        assertEquals(List.of("start", "open", "row a", "abandon stopped by an error", "end 1 unfinished"), journal.steps);
    }

    /** A table of one column whose rows are {@code values}, failing with {@code failure} after the last one when given. */
    private static TableExport<String> export(List<String> values, RuntimeException failure) {
        TableExport.Rows<String> rows = new TableExport.Rows<>() {
            @Override
            public Map<String, List<String>> filters(Map<String, List<String>> parameters, Set<String> skipped) {
                return Map.of();
            }

            @Override
            public long forEach(Map<String, List<String>> filters, List<SortOrder> sort, CriteriaPages.RowHandler<String> each) throws IOException {
                for (String value : values) {
                    each.handle(value);
                }
                if (failure != null) {
                    throw failure;
                }
                return values.size();
            }
        };
        ExportColumn name = new ExportColumn("name", "Name", CellType.TEXT);
        return new TableExport<>("things", "Things", Map.of("name", List.of(new TableExport.Column<>(name, value -> value))), Set.of("name"), rows);
    }

    /** Table files that note what the export asked of them, in order. */
    private static final class Journal implements TableFiles {

        final List<String> steps = new ArrayList<>();
        boolean openFails;
        boolean finishFails;

        @Override
        public TableFile open(ExportFormat format, String title, List<ExportColumn> columns, OutputStream out, boolean byteOrderMark)
                throws IOException {
            if (openFails) {
                throw new IOException("the client went away");
            }
            steps.add("open");
            return new TableFile() {
                private long rows;

                @Override
                public void row(List<?> cells) {
                    steps.add("row " + cells.get(0));
                    rows++;
                }

                @Override
                public long rows() {
                    return rows;
                }

                @Override
                public void finish() throws IOException {
                    if (finishFails) {
                        throw new IOException("the client went away");
                    }
                    steps.add("finish");
                }

                @Override
                public void abandon(String why) {
                    steps.add("abandon " + why);
                }
            };
        }

        @Override
        public void recordExportStart(String table, ExportFormat format, Map<String, List<String>> filters, List<String> columns) {
            steps.add("start");
        }

        @Override
        public void recordExportEnd(String table, ExportFormat format, Map<String, List<String>> filters, List<String> columns, long rows,
                                    boolean complete) {
            steps.add("end " + rows + (complete ? " complete" : " unfinished"));
        }
    }
}
