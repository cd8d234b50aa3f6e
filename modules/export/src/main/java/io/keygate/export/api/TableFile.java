package io.keygate.export.api;

import java.io.IOException;
import java.util.List;

/**
 * A table being written to a file, one row at a time; rows go to the output as they come (nothing is kept but a
 * small buffer), so a million-row export needs no more memory than a ten-row one. {@link #close()} ends the file.
 */
public interface TableFile extends AutoCloseable {

    /** One row: a cell per column, in the columns' order, each of its column's type or {@code null}. */
    void row(List<?> cells) throws IOException;

    /** Rows written so far. */
    long rows();

    /** Writes the end of the file (the closing bracket, the workbook's last parts) and flushes; does not close the stream. */
    @Override
    void close() throws IOException;
}
