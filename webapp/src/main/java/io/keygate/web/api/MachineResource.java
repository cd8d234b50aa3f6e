package io.keygate.web.api;

import io.keygate.groups.api.MachineFilter;
import io.keygate.groups.api.MachineService;
import io.keygate.groups.api.MachineSummary;
import io.keygate.web.exports.TableExports;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Enrolled machines: listed with the machines table's filters, read, and removed (which revokes their certificates). */
@Path("v1/machines")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MachineResource {

    @Inject
    TableExports exports;
    @Inject
    MachineService machines;

    @GET
    public PageBody<MachineSummary> list(@QueryParam("page") String page, @QueryParam("pageSize") String pageSize,
                                         @QueryParam("sort") String sort, @Context UriInfo uri) {
        MachineFilter filter = MachineFilter.parse(uri.getQueryParameters(), ListParameters.PAGING);
        return PageBody.of(machines.list(filter, ListParameters.pageRequest(page, pageSize, sort, MachineService.SORTABLE_FIELDS)));
    }

    /** The machines table as a file (X1): like {@code /provisioning-keys/export}, with the machines list's filters. */
    @GET
    @Path("export")
    @Produces(MediaType.WILDCARD)
    public Response export(@Context UriInfo uri) {
        return ExportResponses.of(exports.prepare(TableExports.MACHINES, uri.getQueryParameters()));
    }

    @GET
    @Path("{id: [0-9]+}")
    public MachineSummary get(@PathParam("id") long id) {
        return machines.get(id);
    }

    @DELETE
    @Path("{id: [0-9]+}")
    public Response remove(@PathParam("id") long id) {
        machines.remove(id);
        return Response.noContent().build();
    }
}
