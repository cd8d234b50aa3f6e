package io.keygate.export.internal;

import io.keygate.audit.api.AuditEntry;
import io.keygate.audit.api.AuditLog;
import io.keygate.export.api.ExportColumn;
import io.keygate.export.api.ExportFormat;
import io.keygate.export.api.TableFile;
import io.keygate.export.api.TableFiles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class DefaultTableFiles implements TableFiles {

    static final String START_ACTION = "export.start";
    static final String ACTION = "export";

    @Inject
    AuditLog audit;

    @Override
    public TableFile open(ExportFormat format, String title, List<ExportColumn> columns, OutputStream out, boolean byteOrderMark) throws IOException {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("A table file needs at least one column");
        }
        return switch (format) {
            case CSV -> new CsvTableFile(columns, out, byteOrderMark);
            case JSON -> new JsonTableFile(columns, out);
            case XLSX -> new XlsxTableFile(title, columns, out);
        };
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordExportStart(String table, ExportFormat format, Map<String, List<String>> filters, List<String> columns) {
        audit.record(AuditEntry.success(START_ACTION, "table", table, table).withDetails(details(format, filters, columns)));
    }

    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordExportEnd(String table, ExportFormat format, Map<String, List<String>> filters, List<String> columns, long rows,
                                boolean complete) {
        Map<String, Object> details = details(format, filters, columns);
        details.put("rows", rows);
        details.put("complete", complete);
        audit.record(AuditEntry.success(ACTION, "table", table, table).withDetails(details));
    }

    private static Map<String, Object> details(ExportFormat format, Map<String, List<String>> filters, List<String> columns) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("format", format.extension());
        details.put("filters", filters);
        details.put("columns", columns);
        return details;
    }
}
