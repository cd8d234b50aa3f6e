package io.keygate.export.api;

import java.io.IOException;
import java.util.List;

/**
 * A table being written to a file, one row at a time; rows go to the output as they come (nothing is kept but a
 * small buffer), so a million-row export needs no more memory than a ten-row one. A file ends in one of two ways:
 * {@link #finish()} once every row is written, {@link #abandon(String)} when the export stops before that.
 * <p>
 * Not {@link AutoCloseable} on purpose: a try-with-resources would write the file's end after a failure too, and a
 * cancelled or failed export would then look like a whole table with fewer rows.
 */
public interface TableFile {

    /** One row: a cell per column, in the columns' order, each of its column's type or {@code null}. */
    void row(List<?> cells) throws IOException;

    /** Rows written so far. */
    long rows();

    /** Writes the end of the file (the closing bracket, the workbook's last parts) and flushes; does not close the stream. */
    void finish() throws IOException;

    /**
     * Ends a file whose export stopped before its last row so that no reader takes it for the whole table, and
     * flushes; does not close the stream. A CSV gets a last field that says so ({@code why} among its words) and whose
     * quote never closes, so a strict parser refuses the file and a spreadsheet shows the sentence; JSON and XLSX stay
     * without their end, which no parser accepts.
     */
    void abandon(String why) throws IOException;
}
