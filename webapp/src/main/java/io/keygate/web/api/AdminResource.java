package io.keygate.web.api;

import io.keygate.accounts.api.AccountService;
import io.keygate.accounts.api.AdminSummary;
import io.keygate.accounts.api.CreateAdmin;
import io.keygate.accounts.api.UpdateAdmin;
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
import java.util.Set;

/** The admins of the caller's organisation. */
@Path("v1/admins")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AdminResource {

    @Inject
    AccountService accounts;

    @GET
    public PageBody<AdminSummary> list(@QueryParam("page") String page, @QueryParam("pageSize") String pageSize) {
        return PageBody.of(accounts.listAdmins(ListParameters.pageRequest(page, pageSize, null, Set.of())));
    }

    @GET
    @Path("{id: [0-9]+}")
    public AdminSummary get(@PathParam("id") long id) {
        return accounts.getAdmin(id);
    }

    @POST
    public Response create(CreateAdmin request, @Context UriInfo uri) {
        AdminSummary created = accounts.createAdmin(RequestBodies.required(request));
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(created.id())).build()).entity(created).build();
    }

    @PUT
    @Path("{id: [0-9]+}")
    public AdminSummary update(@PathParam("id") long id, UpdateAdmin request, @HeaderParam(Preconditions.IF_MATCH) String ifMatch) {
        UpdateAdmin body = RequestBodies.required(request);
        Long version = Preconditions.version(ifMatch, body.version());
        return Preconditions.guarded(ifMatch, () -> accounts.updateAdmin(id, new UpdateAdmin(body.role(), body.newPassword(), version)));
    }

    @DELETE
    @Path("{id: [0-9]+}")
    public Response delete(@PathParam("id") long id, @HeaderParam(Preconditions.IF_MATCH) String ifMatch) {
        OptionalLong expected = Preconditions.ifMatch(ifMatch);
        if (expected.isPresent()) {
            Preconditions.guarded(ifMatch, () -> {
                accounts.deleteAdmin(id, expected.getAsLong());
                return null;
            });
        } else {
            accounts.deleteAdmin(id);
        }
        return Response.noContent().build();
    }
}
