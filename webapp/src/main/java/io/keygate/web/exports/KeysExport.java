package io.keygate.web.exports;

import io.keygate.accounts.api.AccountService;
import io.keygate.export.api.ExportColumn;
import io.keygate.export.api.ExportColumn.CellType;
import io.keygate.export.api.ExportFormat;
import io.keygate.export.api.TableFile;
import io.keygate.export.api.TableFiles;
import io.keygate.keys.api.ProvisioningKeyFilter;
import io.keygate.keys.api.ProvisioningKeyService;
import io.keygate.keys.api.ProvisioningKeySummary;
import io.keygate.platform.api.CurrentActor;
import io.keygate.platform.api.InvalidInputException;
import io.keygate.platform.api.SortOrder;
import io.keygate.platform.api.Timestamps;
import io.keygate.web.keys.KeyReferences;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.function.Function;

/**
 * The keys table as a file (X1): the rows the table's filters, search and sort select, all of them, with the
 * columns it shows in its order. Used by {@code GET /api/v1/provisioning-keys/export} and by the page's Export
 * (through {@link ExportServlet}); the export module writes the file.
 * <p>
 * No column carries a key's value (X2): the masked Value column and Actions are never exported, and Usage becomes
 * two number columns (used, maximum) so a spreadsheet can compute with them.
 */
@RequestScoped
public class KeysExport {

    public static final String TABLE = "keys";
    /** The keys table's column ids a file can have, in the table's default order. */
    public static final List<String> COLUMNS = List.of("name", "machineGroup", "status", "usage", "expires", "certificate", "lastUsed", "created");
    /** What the export reads beside the filters. */
    static final Set<String> OWN_PARAMETERS = Set.of("format", "columns", "sort", "bom");

    @Inject
    ProvisioningKeyService keys;
    @Inject
    KeyReferences references;
    @Inject
    TableFiles files;
    @Inject
    AccountService accounts;
    @Inject
    CurrentActor currentActor;

    /** A checked request: nothing is read from the database until {@link #write} streams it. */
    public record Request(ExportFormat format, ProvisioningKeyFilter filter, List<SortOrder> sort, List<String> columns, boolean byteOrderMark,
                          Map<String, List<String>> filters) {
    }

    /** Reads and checks the parameters (format, columns, sort, bom and the keys list's filters); refuses with 400 naming the bad one. */
    public Request request(Map<String, List<String>> parameters) {
        ExportFormat format = ExportFormat.parse(single(parameters, "format"));
        ProvisioningKeyFilter filter = ProvisioningKeyFilter.parse(parameters, OWN_PARAMETERS);
        String sortText = single(parameters, "sort");
        List<SortOrder> sort = sortText == null || sortText.isBlank() ? List.of()
                : Arrays.stream(sortText.split(",")).map(String::strip).map(s -> SortOrder.parse(s, ProvisioningKeyService.SORTABLE_FIELDS)).toList();
        List<String> columns = columns(parameters.get("columns"));
        String bom = single(parameters, "bom");
        if (bom != null && !bom.equals("true") && !bom.equals("false")) {
            throw new InvalidInputException("bom_invalid", "bom", "bom is true or false.");
        }
        return new Request(format, filter, sort, columns, "true".equals(bom), filter.toParameters());
    }

    public String fileName(Request request) {
        return TableFiles.fileName(TABLE, accounts.organizationName(currentActor.get().requireOrganization()), Timestamps.now().toInstant(),
                request.format());
    }

    /** Streams the file; audits the export when it ends, with the rows written, also when the client went away. */
    public long write(Request request, OutputStream out) throws IOException {
        List<Column> chosen = request.columns().stream().flatMap(id -> definitions().get(id).stream()).toList();
        List<ExportColumn> exportColumns = chosen.stream().map(Column::column).toList();
        long rows = 0;
        boolean complete = false;
        try (TableFile file = files.open(request.format(), "Provisioning Keys", exportColumns, out, request.byteOrderMark())) {
            keys.forEach(request.filter(), request.sort(), key -> {
                List<Object> cells = new ArrayList<>(chosen.size());
                chosen.forEach(column -> cells.add(column.value().apply(key)));
                file.row(cells);
            });
            rows = file.rows();
            complete = true;
            return rows;
        } finally {
            files.recordExport(TABLE, request.format(), request.filters(), request.columns(), rows, complete);
        }
    }

    private static List<String> columns(List<String> values) {
        if (values == null || values.isEmpty()) {
            return COLUMNS;
        }
        List<String> columns = new ArrayList<>();
        for (String value : values) {
            for (String id : value.split(",")) {
                String column = id.strip();
                if (!COLUMNS.contains(column)) {
                    throw new InvalidInputException("columns_invalid", "columns", "Unknown column '" + (column.length() > 40 ? column.substring(0, 40)
                            : column) + "'. Columns: " + String.join(", ", COLUMNS) + ".");
                }
                if (!columns.contains(column)) {
                    columns.add(column);
                }
            }
        }
        if (columns.isEmpty()) {
            throw new InvalidInputException("columns_invalid", "columns", "Name at least one column: " + String.join(", ", COLUMNS) + ".");
        }
        return List.copyOf(columns);
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

    /** A file column and how a key fills it. */
    record Column(ExportColumn column, Function<ProvisioningKeySummary, Object> value) {
    }

    private Map<String, List<Column>> definitions() {
        ResourceBundle text = ResourceBundle.getBundle("io.keygate.web.messages", Locale.ENGLISH);
        Map<String, List<Column>> columns = new LinkedHashMap<>();
        columns.put("name", List.of(new Column(new ExportColumn("name", text.getString("keys.name"), CellType.TEXT), ProvisioningKeySummary::name)));
        columns.put("machineGroup", List.of(new Column(new ExportColumn("machineGroup", text.getString("keys.machineGroup"), CellType.TEXT),
                key -> references.groupName(key.machineGroupId()))));
        String enabled = text.getString("common.enabled");
        String disabled = text.getString("common.disabled");
        columns.put("status", List.of(new Column(new ExportColumn("status", text.getString("common.status"), CellType.TEXT),
                key -> key.enabled() ? enabled : disabled)));
        columns.put("usage", List.of(new Column(new ExportColumn("usageCount", text.getString("keys.usage"), CellType.NUMBER),
                        ProvisioningKeySummary::usageCount),
                new Column(new ExportColumn("maxUsage", text.getString("keys.maxUsageShort"), CellType.NUMBER), ProvisioningKeySummary::maxUsage)));
        columns.put("expires", List.of(new Column(new ExportColumn("expiresAt", text.getString("keys.expires"), CellType.TIMESTAMP),
                ProvisioningKeySummary::expiresAt)));
        columns.put("certificate", List.of(new Column(new ExportColumn("signingCertificate", text.getString("keys.signingCertificate"), CellType.TEXT),
                key -> references.certificateName(key.signingCertificateId()))));
        columns.put("lastUsed", List.of(new Column(new ExportColumn("lastUsedAt", text.getString("keys.lastUsed"), CellType.TIMESTAMP),
                ProvisioningKeySummary::lastUsedAt)));
        columns.put("created", List.of(new Column(new ExportColumn("createdAt", text.getString("common.created"), CellType.TIMESTAMP),
                ProvisioningKeySummary::createdAt)));
        return columns;
    }
}
