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

/** The organisation's audit trail for ADMINISTRATORs (A2): listed with the Audit Log table's filters, newest first, and exported (X4). */
@Path("v1/audit-events")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuditEventResource {

    @Inject
    AuditLog audit;
    @Inject
    TableExports exports;

    @GET
    public PageBody<AuditEvent> list(@QueryParam("page") String page, @QueryParam("pageSize") String pageSize,
                                     @QueryParam("sort") String sort, @Context UriInfo uri) {
        AuditEventFilter filter = AuditEventFilter.parse(uri.getQueryParameters(), ListParameters.PAGING);
        return PageBody.of(audit.list(filter, ListParameters.pageRequest(page, pageSize, sort, AuditLog.SORTABLE_FIELDS)));
    }

    /** The Audit Log as a file: like {@code /provisioning-keys/export}, with the audit list's filters; ADMINISTRATOR only. */
    @GET
    @Path("export")
    @Produces(MediaType.WILDCARD)
    public Response export(@Context UriInfo uri) {
        return ExportResponses.of(exports.prepare(TableExports.AUDIT_LOG, uri.getQueryParameters()));
    }
}
