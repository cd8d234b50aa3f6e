package io.keygate.web.exports;

import io.keygate.accounts.api.AccountService;
import io.keygate.audit.api.AuditEvent;
import io.keygate.audit.api.AuditEventFilter;
import io.keygate.audit.api.AuditLog;
import io.keygate.audit.api.Outcome;
import io.keygate.certificates.api.SigningCertificateFilter;
import io.keygate.certificates.api.SigningCertificateService;
import io.keygate.certificates.api.SigningCertificateSummary;
import io.keygate.export.api.ExportColumn;
import io.keygate.export.api.ExportColumn.CellType;
import io.keygate.export.api.TableFiles;
import io.keygate.groups.api.MachineFilter;
import io.keygate.groups.api.MachineGroupFilter;
import io.keygate.groups.api.MachineGroupService;
import io.keygate.groups.api.MachineGroupSummary;
import io.keygate.groups.api.MachineService;
import io.keygate.groups.api.MachineStatus;
import io.keygate.groups.api.MachineSummary;
import io.keygate.keys.api.ProvisioningKeyFilter;
import io.keygate.keys.api.ProvisioningKeyService;
import io.keygate.keys.api.ProvisioningKeySummary;
import io.keygate.platform.api.Actor;
import io.keygate.platform.api.CriteriaPages;
import io.keygate.platform.api.CurrentActor;
import io.keygate.platform.api.NotFoundException;
import io.keygate.platform.api.SortOrder;
import io.keygate.platform.api.Timestamps;
import io.keygate.web.keys.KeyReferences;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The tables that export (X1), for the REST API ({@code GET /api/v1/<table>/export}) and the pages' Export menus
 * ({@link ExportServlet}). Headers are the tables' own, in English like the pages.
 * <p>
 * No column of any table carries a key's value (X2): the keys table's masked Value column and every Actions column
 * are never exported; the keys' Usage becomes two number columns (used, maximum) so a spreadsheet can compute with them.
 */
@RequestScoped
public class TableExports {

    public static final String KEYS = "keys";
    public static final String GROUPS = "machine-groups";
    public static final String MACHINES = "machines";
    public static final String CERTIFICATES = "signing-certificates";
    public static final String AUDIT_LOG = "audit-log";

    @Inject
    ProvisioningKeyService keys;
    @Inject
    MachineGroupService groups;
    @Inject
    MachineService machines;
    @Inject
    SigningCertificateService certificates;
    @Inject
    AuditLog audit;
    @Inject
    KeyReferences references;
    @Inject
    TableFiles files;
    @Inject
    AccountService accounts;
    @Inject
    CurrentActor currentActor;
    @Inject
    ExportRuns runs;

    /** A checked export, ready to stream: nothing has been read from the database yet. */
    public record Prepared(String fileName, String mediaType, Body body) {
    }

    /** Writes the file to the response; returns the rows written. */
    @FunctionalInterface
    public interface Body {
        long writeTo(OutputStream out) throws IOException;
    }

    /** Checks the request for {@code table}'s file; refuses with 400 naming the bad parameter, 404 for an unknown table. */
    public Prepared prepare(String table, Map<String, List<String>> parameters) {
        return switch (table == null ? "" : table) {
            case KEYS -> prepare(keysTable(), parameters);
            case GROUPS -> prepare(groupsTable(), parameters);
            case MACHINES -> prepare(machinesTable(), parameters);
            case CERTIFICATES -> prepare(certificatesTable(), parameters);
            case AUDIT_LOG -> {
                // A2, X4: refused before anything is read or counted as running
                audit.requireReader();
                yield prepare(auditLogTable(), parameters);
            }
            default -> throw new NotFoundException("table", table == null ? "" : table);
        };
    }

    /** The column ids of {@code table}'s files, in the table's default order. */
    public List<String> columnIds(String table) {
        return switch (table) {
            case KEYS -> keysTable().columnIds();
            case GROUPS -> groupsTable().columnIds();
            case MACHINES -> machinesTable().columnIds();
            case CERTIFICATES -> certificatesTable().columnIds();
            case AUDIT_LOG -> auditLogTable().columnIds();
            default -> throw new IllegalArgumentException("No table " + table);
        };
    }

    /** The signed-in admin's export on this node, if one runs (for the page's progress bar). */
    public Optional<ExportRuns.Run> running() {
        return runs.current(admin());
    }

    /** Stops the signed-in admin's running export; true when there was one. */
    public boolean cancel() {
        return runs.cancel(admin());
    }

    private <R> Prepared prepare(TableExport<R> export, Map<String, List<String>> parameters) {
        TableExport.Request request = export.request(parameters);
        String organization = accounts.organizationName(currentActor.get().requireOrganization());
        String admin = admin();
        ExportRuns.Run run = runs.start(admin, export.table());
        return new Prepared(export.fileName(request, organization, Timestamps.now().toInstant()), request.format().mediaType(), out -> {
            try {
                return export.write(request, out, files, run::wrote);
            } finally {
                runs.finish(admin, run);
            }
        });
    }

    /** Whose export it is: an admin's account, or an API token (which has none). */
    private String admin() {
        Actor actor = currentActor.get();
        return actor.isApiToken() ? "api-token-" + actor.apiTokenId() : Long.toString(actor.accountId());
    }

    private TableExport<ProvisioningKeySummary> keysTable() {
        ResourceBundle text = text();
        String enabled = text.getString("common.enabled");
        String disabled = text.getString("common.disabled");
        Map<String, List<TableExport.Column<ProvisioningKeySummary>>> columns = new LinkedHashMap<>();
        columns.put("name", List.of(column("name", text.getString("keys.name"), CellType.TEXT, ProvisioningKeySummary::name)));
        columns.put("machineGroup", List.of(column("machineGroup", text.getString("keys.machineGroup"), CellType.TEXT,
                key -> references.groupName(key.machineGroupId()))));
        columns.put("status", List.of(column("status", text.getString("common.status"), CellType.TEXT, key -> key.enabled() ? enabled : disabled)));
        columns.put("usage", List.of(column("usageCount", text.getString("keys.usage"), CellType.NUMBER, ProvisioningKeySummary::usageCount),
                column("maxUsage", text.getString("keys.maxUsageShort"), CellType.NUMBER, ProvisioningKeySummary::maxUsage)));
        columns.put("expires", List.of(column("expiresAt", text.getString("keys.expires"), CellType.TIMESTAMP, ProvisioningKeySummary::expiresAt)));
        columns.put("certificate", List.of(column("signingCertificate", text.getString("keys.signingCertificate"), CellType.TEXT,
                key -> references.certificateName(key.signingCertificateId()))));
        columns.put("lastUsed", List.of(column("lastUsedAt", text.getString("keys.lastUsed"), CellType.TIMESTAMP, ProvisioningKeySummary::lastUsedAt)));
        columns.put("created", List.of(column("createdAt", text.getString("common.created"), CellType.TIMESTAMP, ProvisioningKeySummary::createdAt)));
        return new TableExport<>(KEYS, text.getString("keys.title"), columns, ProvisioningKeyService.SORTABLE_FIELDS,
                rows(ProvisioningKeyFilter::parse, ProvisioningKeyFilter::toParameters, keys::forEach));
    }

    private TableExport<MachineGroupSummary> groupsTable() {
        ResourceBundle text = text();
        String enabled = text.getString("common.enabled");
        String disabled = text.getString("common.disabled");
        Map<String, List<TableExport.Column<MachineGroupSummary>>> columns = new LinkedHashMap<>();
        columns.put("name", List.of(column("name", text.getString("groups.name"), CellType.TEXT, MachineGroupSummary::name)));
        columns.put("description", List.of(column("description", text.getString("groups.description"), CellType.TEXT,
                MachineGroupSummary::description)));
        columns.put("status", List.of(column("status", text.getString("common.status"), CellType.TEXT, group -> group.enabled() ? enabled : disabled)));
        columns.put("machines", List.of(column("machines", text.getString("groups.machines"), CellType.NUMBER, MachineGroupSummary::machineCount)));
        columns.put("created", List.of(column("createdAt", text.getString("common.created"), CellType.TIMESTAMP, MachineGroupSummary::createdAt)));
        return new TableExport<>(GROUPS, text.getString("groups.title"), columns, MachineGroupService.SORTABLE_FIELDS,
                rows(MachineGroupFilter::parse, MachineGroupFilter::toParameters, groups::forEach));
    }

    private TableExport<MachineSummary> machinesTable() {
        ResourceBundle text = text();
        String active = text.getString("machines.active");
        String removed = text.getString("machines.removedStatus");
        String deletedKey = text.getString("machines.deletedKey");
        Map<Long, String> keyNames = new HashMap<>();
        Map<String, List<TableExport.Column<MachineSummary>>> columns = new LinkedHashMap<>();
        columns.put("hostname", List.of(column("hostname", text.getString("machines.hostname"), CellType.TEXT, MachineSummary::hostname)));
        columns.put("group", List.of(column("machineGroup", text.getString("keys.machineGroup"), CellType.TEXT,
                machine -> references.groupName(machine.machineGroupId()))));
        columns.put("status", List.of(column("status", text.getString("common.status"), CellType.TEXT,
                machine -> machine.status() == MachineStatus.ACTIVE ? active : removed)));
        columns.put("fingerprint", List.of(column("fingerprint", text.getString("machines.fingerprint"), CellType.TEXT, MachineSummary::fingerprint)));
        columns.put("os", List.of(column("os", text.getString("machines.os"), CellType.TEXT, MachineSummary::os)));
        columns.put("key", List.of(column("provisioningKey", text.getString("machines.key"), CellType.TEXT,
                machine -> machine.provisioningKeyId() == null ? null : keyNames.computeIfAbsent(machine.provisioningKeyId(), id -> {
                    try {
                        return keys.get(id).name();
                    } catch (NotFoundException deleted) {
                        return deletedKey;
                    }
                }))));
        columns.put("enrolled", List.of(column("enrolledAt", text.getString("machines.enrolled"), CellType.TIMESTAMP, MachineSummary::enrolledAt)));
        columns.put("reEnrolled", List.of(column("reEnrolledAt", text.getString("machines.reEnrolled"), CellType.TIMESTAMP,
                MachineSummary::reEnrolledAt)));
        columns.put("certificate", List.of(column("certificateSerial", text.getString("machines.certificate"), CellType.TEXT,
                MachineSummary::certificateSerial)));
        columns.put("certificateExpires", List.of(column("certificateExpiresAt", text.getString("machines.certificateExpires"), CellType.TIMESTAMP,
                MachineSummary::certificateNotAfter)));
        return new TableExport<>(MACHINES, text.getString("machines.title"), columns, MachineService.SORTABLE_FIELDS,
                rows(MachineFilter::parse, MachineFilter::toParameters, machines::forEach));
    }

    private TableExport<SigningCertificateSummary> certificatesTable() {
        ResourceBundle text = text();
        Map<String, List<TableExport.Column<SigningCertificateSummary>>> columns = new LinkedHashMap<>();
        columns.put("name", List.of(column("name", text.getString("certificates.name"), CellType.TEXT, SigningCertificateSummary::name)));
        columns.put("description", List.of(column("description", text.getString("certificates.description"), CellType.TEXT,
                SigningCertificateSummary::description)));
        columns.put("type", List.of(column("type", text.getString("certificates.type"), CellType.TEXT, certificate -> certificate.type().name())));
        columns.put("subject", List.of(column("subject", text.getString("certificates.subject"), CellType.TEXT, SigningCertificateSummary::subject)));
        columns.put("validFrom", List.of(column("validFrom", text.getString("certificates.validFrom"), CellType.TIMESTAMP,
                SigningCertificateSummary::validFrom)));
        columns.put("validTo", List.of(column("validTo", text.getString("certificates.validTo"), CellType.TIMESTAMP, SigningCertificateSummary::validTo)));
        columns.put("fingerprint", List.of(column("fingerprintSha256", text.getString("certificates.fingerprint"), CellType.TEXT,
                SigningCertificateSummary::fingerprintSha256)));
        columns.put("keys", List.of(column("keys", text.getString("certificates.keys"), CellType.NUMBER, SigningCertificateSummary::keyCount)));
        return new TableExport<>(CERTIFICATES, text.getString("certificates.title"), columns, SigningCertificateService.SORTABLE_FIELDS,
                rows(SigningCertificateFilter::parse, SigningCertificateFilter::toParameters, certificates::forEach));
    }

    private TableExport<AuditEvent> auditLogTable() {
        ResourceBundle text = text();
        Map<String, List<TableExport.Column<AuditEvent>>> columns = new LinkedHashMap<>();
        columns.put("occurred", List.of(column("occurredAt", text.getString("audit.occurred"), CellType.TIMESTAMP, AuditEvent::occurredAt)));
        columns.put("actor", List.of(column("actor", text.getString("audit.actor"), CellType.TEXT, AuditEvent::actorName),
                column("actorType", text.getString("audit.actorType"), CellType.TEXT, AuditEvent::actorType)));
        columns.put("action", List.of(column("action", text.getString("audit.action"), CellType.TEXT, AuditEvent::action)));
        columns.put("resourceType", List.of(column("resourceType", text.getString("audit.resourceType"), CellType.TEXT, AuditEvent::resourceType)));
        columns.put("resourceName", List.of(column("resourceName", text.getString("audit.resourceName"), CellType.TEXT, AuditEvent::resourceName),
                column("resourceId", text.getString("audit.resourceId"), CellType.TEXT, AuditEvent::resourceId)));
        String success = text.getString("audit.success");
        String failure = text.getString("audit.failure");
        columns.put("outcome", List.of(column("outcome", text.getString("audit.outcome"), CellType.TEXT,
                event -> event.outcome() == Outcome.SUCCESS ? success : failure)));
        columns.put("reason", List.of(column("reason", text.getString("audit.reason"), CellType.TEXT, AuditEvent::reason)));
        columns.put("source", List.of(column("sourceAddress", text.getString("audit.source"), CellType.TEXT, AuditEvent::sourceAddress)));
        columns.put("requestId", List.of(column("requestId", text.getString("audit.requestId"), CellType.TEXT, AuditEvent::requestId)));
        columns.put("details", List.of(column("details", text.getString("audit.details"), CellType.TEXT, AuditEvent::details)));
        return new TableExport<>(AUDIT_LOG, text.getString("audit.title"), columns, AuditLog.SORTABLE_FIELDS,
                rows(AuditEventFilter::parse, AuditEventFilter::toParameters, audit::forEach));
    }

    /** The rows of a table whose module parses its filters ({@code parse}, {@code toParameters}) and hands them over ({@code forEach}). */
    private static <F, R> TableExport.Rows<R> rows(BiFunction<Map<String, List<String>>, Set<String>, F> parse, Function<F, Map<String, List<String>>> toParameters,
                                                  ModuleRows<F, R> forEach) {
        return new TableExport.Rows<>() {
            @Override
            public Map<String, List<String>> filters(Map<String, List<String>> parameters, Set<String> skipped) {
                return toParameters.apply(parse.apply(parameters, skipped));
            }

            @Override
            public long forEach(Map<String, List<String>> filters, List<SortOrder> sort, CriteriaPages.RowHandler<R> each) throws IOException {
                return forEach.forEach(parse.apply(filters, Set.of()), sort, each);
            }
        };
    }

    /** A module service's {@code forEach(filter, sort, each)}. */
    @FunctionalInterface
    private interface ModuleRows<F, R> {
        long forEach(F filter, List<SortOrder> sort, CriteriaPages.RowHandler<R> each) throws IOException;
    }

    private static <R> TableExport.Column<R> column(String field, String header, CellType type, Function<R, Object> value) {
        return new TableExport.Column<>(new ExportColumn(field, header, type), value);
    }

    private static ResourceBundle text() {
        return ResourceBundle.getBundle("io.keygate.web.messages", Locale.ENGLISH);
    }
}
