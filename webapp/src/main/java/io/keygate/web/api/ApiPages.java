package io.keygate.web.api;

import io.keygate.accounts.api.AdminSummary;
import io.keygate.accounts.api.OrganizationSummary;
import io.keygate.audit.api.AuditEvent;
import io.keygate.certificates.api.SigningCertificateSummary;
import io.keygate.groups.api.MachineGroupSummary;
import io.keygate.groups.api.MachineSummary;
import io.keygate.keys.api.ProvisioningKeySummary;
import io.keygate.preferences.api.SavedFilter;
import io.keygate.tokens.api.ApiTokenSummary;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The shapes of the lists' pages in the OpenAPI document only: the generator gives every {@link PageBody} one schema
 * without its item type, so each list names its page here, field for field the same as {@link PageBody}
 * (OpenApiIT holds the two equal).
 */
final class ApiPages {

    private ApiPages() {
    }

    private static final String TOTAL_COUNT = "All matches, or when totalCountExact is false a number they exceed.";

    @Schema(name = "MachineGroupPage", description = "A page of machine groups.", requiredProperties = {"list", "page", "pageSize", "totalCount", "totalPages", "totalCountExact"})
    record MachineGroupPage(List<MachineGroupSummary> list, int page, int pageSize, @Schema(description = TOTAL_COUNT) long totalCount,
                            long totalPages, boolean totalCountExact) {
    }

    @Schema(name = "ProvisioningKeyPage", description = "A page of provisioning keys; no value, only the masked one.", requiredProperties = {"list", "page", "pageSize", "totalCount", "totalPages", "totalCountExact"})
    record ProvisioningKeyPage(List<ProvisioningKeySummary> list, int page, int pageSize, @Schema(description = TOTAL_COUNT) long totalCount,
                               long totalPages, boolean totalCountExact) {
    }

    @Schema(name = "SigningCertificatePage", description = "A page of signing certificates.", requiredProperties = {"list", "page", "pageSize", "totalCount", "totalPages", "totalCountExact"})
    record SigningCertificatePage(List<SigningCertificateSummary> list, int page, int pageSize, @Schema(description = TOTAL_COUNT) long totalCount,
                                  long totalPages, boolean totalCountExact) {
    }

    @Schema(name = "MachinePage", description = "A page of enrolled machines.", requiredProperties = {"list", "page", "pageSize", "totalCount", "totalPages", "totalCountExact"})
    record MachinePage(List<MachineSummary> list, int page, int pageSize, @Schema(description = TOTAL_COUNT) long totalCount,
                       long totalPages, boolean totalCountExact) {
    }

    @Schema(name = "AdminPage", description = "A page of the organisation's admins.", requiredProperties = {"list", "page", "pageSize", "totalCount", "totalPages", "totalCountExact"})
    record AdminPage(List<AdminSummary> list, int page, int pageSize, @Schema(description = TOTAL_COUNT) long totalCount,
                     long totalPages, boolean totalCountExact) {
    }

    @Schema(name = "ApiTokenPage", description = "A page of API tokens; no value, only the prefix.", requiredProperties = {"list", "page", "pageSize", "totalCount", "totalPages", "totalCountExact"})
    record ApiTokenPage(List<ApiTokenSummary> list, int page, int pageSize, @Schema(description = TOTAL_COUNT) long totalCount,
                        long totalPages, boolean totalCountExact) {
    }

    @Schema(name = "AuditEventPage", description = "A page of the audit trail, newest first unless sorted otherwise.", requiredProperties = {"list", "page", "pageSize", "totalCount", "totalPages", "totalCountExact"})
    record AuditEventPage(List<AuditEvent> list, int page, int pageSize, @Schema(description = TOTAL_COUNT) long totalCount,
                          long totalPages, boolean totalCountExact) {
    }

    @Schema(name = "OrganizationPage", description = "A page of organisations (operator only).", requiredProperties = {"list", "page", "pageSize", "totalCount", "totalPages", "totalCountExact"})
    record OrganizationPage(List<OrganizationSummary> list, int page, int pageSize, @Schema(description = TOTAL_COUNT) long totalCount,
                            long totalPages, boolean totalCountExact) {
    }

    @Schema(name = "SavedFilterPage", description = "A page of the admin's saved filters.", requiredProperties = {"list", "page", "pageSize", "totalCount", "totalPages", "totalCountExact"})
    record SavedFilterPage(List<SavedFilter> list, int page, int pageSize, @Schema(description = TOTAL_COUNT) long totalCount,
                           long totalPages, boolean totalCountExact) {
    }
}
