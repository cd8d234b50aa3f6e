package io.keygate.web.api;

import io.keygate.audit.api.AuditEvent;
import io.keygate.audit.api.AuditEventFilter;
import io.keygate.audit.api.AuditLog;
import io.keygate.web.exports.TableExports;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The organisation's audit trail for ADMINISTRATORs (A2): listed with the Audit Log table's filters, newest first, and exported (X4). */
@Path("v1/audit-events")
@Tag(name = "Audit log", description = "The organisation's audit trail, for ADMINISTRATORs (403 administrator_required otherwise); an ADMINISTRATOR "
        + "token may read it too.")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuditEventResource {

    @Inject
    AuditLog audit;
    @Inject
    TableExports exports;

    @GET
    @Operation(operationId = "listAuditEvents", summary = "List audit events",
            description = "A page of the organisation's audit events, newest first; the filters are the Audit Log table's chips, a repeated "
                    + "filter matches any of its values. Sortable by occurredAt, action, actorName, resourceType, resourceName and outcome. "
                    + "An unknown filter is refused (400).")
    @APIResponse(responseCode = "200", description = "A page of audit events.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiPages.AuditEventPage.class)))
    @Parameter(name = "action", in = ParameterIn.QUERY, description = "Only this action, exactly (provisioning_key.create); repeatable.",
            schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
    @Parameter(name = "outcome", in = ParameterIn.QUERY, description = "success or failure, ignoring case; repeatable.",
            schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
    @Parameter(name = "actor", in = ParameterIn.QUERY, description = "Part of the actor's name, ignoring case.",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "resourceType", in = ParameterIn.QUERY,
            description = "Only this resource type, exactly (provisioning key, api token); repeatable.",
            schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
    @Parameter(name = "resourceName", in = ParameterIn.QUERY, description = "Part of the resource's name, ignoring case.",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "occurredFrom", in = ParameterIn.QUERY,
            description = "Only events at or after this date (2030-01-31, its start in UTC) or UTC time (2030-01-31T12:00:00Z).",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "occurredTo", in = ParameterIn.QUERY,
            description = "Only events before this date or UTC time; must be later than occurredFrom.",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "search", in = ParameterIn.QUERY,
            description = "Part of the actor, action, resource name or id, reason, source address or request id, ignoring case.",
            schema = @Schema(type = SchemaType.STRING))
    public PageBody<AuditEvent> list(@QueryParam("page") String page, @QueryParam("pageSize") String pageSize,
                                     @QueryParam("sort") String sort, @Context UriInfo uri) {
        AuditEventFilter filter = AuditEventFilter.parse(uri.getQueryParameters(), ListParameters.PAGING);
        return PageBody.of(audit.list(filter, ListParameters.pageRequest(page, pageSize, sort, AuditLog.SORTABLE_FIELDS)));
    }

    /** The Audit Log as a file: like {@code /provisioning-keys/export}, with the audit list's filters; ADMINISTRATOR only. */
    @GET
    @Path("export")
    @Operation(operationId = "exportAuditEvents", summary = "Export the audit log as a file",
            description = "The events the list's filters match, as CSV (format=csv, the default), JSON or XLSX; one export per admin at a time. "
                    + "Audited.")
    @APIResponse(responseCode = "200", description = "The file, streamed.", content = {
            @Content(mediaType = ExportResponses.CSV), @Content(mediaType = ExportResponses.JSON), @Content(mediaType = ExportResponses.XLSX)})
    @Produces(MediaType.WILDCARD)
    public Response export(@Context UriInfo uri) {
        return ExportResponses.of(exports.prepare(TableExports.AUDIT_LOG, uri.getQueryParameters()));
    }
}
