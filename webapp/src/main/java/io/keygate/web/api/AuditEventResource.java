package io.keygate.web.api;

import io.keygate.audit.api.AuditEvent;
import io.keygate.audit.api.AuditLog;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;

/** The organisation's audit trail, newest first, for ADMINISTRATORs. */
@Path("v1/audit-events")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuditEventResource {

    @Inject
    AuditLog audit;

    @GET
    public PageBody<AuditEvent> list(@QueryParam("page") String page, @QueryParam("pageSize") String pageSize,
                                     @QueryParam("action") String action) {
        return PageBody.of(audit.list(action == null || action.isEmpty() ? null : action,
                ListParameters.pageRequest(page, pageSize, null, Set.of())));
    }
}
