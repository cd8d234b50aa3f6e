package io.keygate.web.api;

import io.keygate.groups.api.CreateMachineGroup;
import io.keygate.groups.api.MachineGroupFilter;
import io.keygate.groups.api.MachineGroupService;
import io.keygate.groups.api.MachineGroupSummary;
import io.keygate.groups.api.UpdateMachineGroup;
import io.keygate.web.exports.TableExports;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.OptionalLong;

@Path("v1/machine-groups")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MachineGroupResource {

    @Inject
    TableExports exports;
    @Inject
    MachineGroupService groups;

    @GET
    public PageBody<MachineGroupSummary> list(@QueryParam("page") String page, @QueryParam("pageSize") String pageSize,
                                              @QueryParam("sort") String sort, @Context UriInfo uri) {
        MachineGroupFilter filter = MachineGroupFilter.parse(uri.getQueryParameters(), ListParameters.PAGING);
        return PageBody.of(groups.list(filter, ListParameters.pageRequest(page, pageSize, sort, MachineGroupService.SORTABLE_FIELDS)));
    }

    /** The groups table as a file (X1): like {@code /provisioning-keys/export}, with the groups list's filters. */
    @GET
    @Path("export")
    @Produces(MediaType.WILDCARD)
    public Response export(@Context UriInfo uri) {
        return ExportResponses.of(exports.prepare(TableExports.GROUPS, uri.getQueryParameters()));
    }

    @GET
    @Path("{id: [0-9]+}")
    public MachineGroupSummary get(@PathParam("id") long id) {
        return groups.get(id);
    }

    @POST
    public Response create(CreateMachineGroup request, @Context UriInfo uri) {
        MachineGroupSummary created = groups.create(RequestBodies.required(request));
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(created.id())).build()).entity(created).build();
    }

    @PUT
    @Path("{id: [0-9]+}")
    public MachineGroupSummary update(@PathParam("id") long id, UpdateMachineGroup request, @HeaderParam(Preconditions.IF_MATCH) String ifMatch) {
        UpdateMachineGroup body = RequestBodies.required(request);
        Long version = Preconditions.version(ifMatch, body.version());
        return Preconditions.guarded(ifMatch, () -> groups.update(id, new UpdateMachineGroup(body.name(), body.description(), body.enabled(), version)));
    }

    @DELETE
    @Path("{id: [0-9]+}")
    public Response delete(@PathParam("id") long id, @HeaderParam(Preconditions.IF_MATCH) String ifMatch) {
        OptionalLong expected = Preconditions.ifMatch(ifMatch);
        if (expected.isPresent()) {
            Preconditions.guarded(ifMatch, () -> {
                groups.delete(id, expected.getAsLong());
                return null;
            });
        } else {
            groups.delete(id);
        }
        return Response.noContent().build();
    }
}
