package io.keygate.web.keys;

import io.keygate.keys.api.ProvisioningKeyFilter;
import io.keygate.keys.api.ProvisioningKeyFilter.UsageState;
import io.keygate.web.tables.FilterDraft;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The chips of the keys table's filter bar (T2) as the admin is filling them in; Apply turns them into
 * the table's filters. Dates are whole UTC days: "expires before 2030-01-31" means before that day starts.
 */
public class KeyFilterForm implements FilterDraft {

    private static final long serialVersionUID = 1L;
    private static final Set<String> PAGING = Set.of();

    private String name;
    private List<Long> machineGroupIds = new ArrayList<>();
    private String status = "";
    private List<Long> signingCertificateIds = new ArrayList<>();
    private String exportable = "";
    private String allowReEnrollment = "";
    private List<String> usage = new ArrayList<>();
    private LocalDate expiresBefore;
    private LocalDate expiresAfter;
    private String createdBy;
    private LocalDate createdFrom;
    private LocalDate createdTo;
    private String search;

    /** The chips showing what {@code criteria} filters by (criteria already checked by the keys module). */
    static KeyFilterForm of(Map<String, List<String>> criteria) {
        ProvisioningKeyFilter filter = ProvisioningKeyFilter.parse(criteria, PAGING);
        KeyFilterForm form = new KeyFilterForm();
        form.name = filter.nameContains();
        form.machineGroupIds = new ArrayList<>(filter.machineGroupIds().stream().sorted().toList());
        form.status = choice(filter.enabled());
        form.signingCertificateIds = new ArrayList<>(filter.signingCertificateIds().stream().sorted().toList());
        form.exportable = choice(filter.exportable());
        form.allowReEnrollment = choice(filter.allowReEnrollment());
        form.usage = new ArrayList<>(filter.usage().stream().map(state -> state.name().toLowerCase()).sorted().toList());
        form.expiresBefore = day(filter.expiresBefore());
        form.expiresAfter = day(filter.expiresAfter());
        form.createdBy = filter.createdBy().stream().sorted().findFirst().orElse(null);
        form.createdFrom = day(filter.createdFrom());
        form.createdTo = day(filter.createdTo());
        form.search = filter.search();
        return form;
    }

    /** The filters these chips ask for; the keys module refuses malformed ones, naming the chip. */
    @Override
    public Map<String, List<String>> toCriteria() {
        ProvisioningKeyFilter filter = new ProvisioningKeyFilter(blankToNull(name), blankToNull(search), new LinkedHashSet<>(machineGroupIds),
                bool(status), new LinkedHashSet<>(signingCertificateIds), bool(exportable), bool(allowReEnrollment),
                usage.stream().map(value -> UsageState.valueOf(value.toUpperCase())).collect(java.util.stream.Collectors.toSet()),
                start(expiresBefore), start(expiresAfter), createdBy == null || createdBy.isBlank() ? Set.of() : Set.of(createdBy.trim()),
                start(createdFrom), start(createdTo));
        return filter.toParameters();
    }

    private static String choice(Boolean value) {
        return value == null ? "" : value.toString();
    }

    private static Boolean bool(String choice) {
        return choice == null || choice.isEmpty() ? null : Boolean.valueOf(choice);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static LocalDate day(java.time.Instant instant) {
        return instant == null ? null : LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private static java.time.Instant start(LocalDate day) {
        return day == null ? null : day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public List<Long> getMachineGroupIds() {
        return machineGroupIds;
    }

    public void setMachineGroupIds(List<Long> machineGroupIds) {
        this.machineGroupIds = machineGroupIds == null ? new ArrayList<>() : machineGroupIds;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public List<Long> getSigningCertificateIds() {
        return signingCertificateIds;
    }

    public void setSigningCertificateIds(List<Long> signingCertificateIds) {
        this.signingCertificateIds = signingCertificateIds == null ? new ArrayList<>() : signingCertificateIds;
    }

    public String getExportable() {
        return exportable;
    }

    public void setExportable(String exportable) {
        this.exportable = exportable;
    }

    public String getAllowReEnrollment() {
        return allowReEnrollment;
    }

    public void setAllowReEnrollment(String allowReEnrollment) {
        this.allowReEnrollment = allowReEnrollment;
    }

    public List<String> getUsage() {
        return usage;
    }

    public void setUsage(List<String> usage) {
        this.usage = usage == null ? new ArrayList<>() : usage;
    }

    public LocalDate getExpiresBefore() {
        return expiresBefore;
    }

    public void setExpiresBefore(LocalDate expiresBefore) {
        this.expiresBefore = expiresBefore;
    }

    public LocalDate getExpiresAfter() {
        return expiresAfter;
    }

    public void setExpiresAfter(LocalDate expiresAfter) {
        this.expiresAfter = expiresAfter;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public void setCreatedBy(String createdBy) {
        this.createdBy = createdBy;
    }

    public LocalDate getCreatedFrom() {
        return createdFrom;
    }

    public void setCreatedFrom(LocalDate createdFrom) {
        this.createdFrom = createdFrom;
    }

    public LocalDate getCreatedTo() {
        return createdTo;
    }

    public void setCreatedTo(LocalDate createdTo) {
        this.createdTo = createdTo;
    }

    public String getSearch() {
        return search;
    }

    public void setSearch(String search) {
        this.search = search;
    }
}
