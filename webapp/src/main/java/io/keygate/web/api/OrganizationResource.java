package io.keygate.web.api;

import io.keygate.accounts.api.AccountService;
import io.keygate.accounts.api.CreateOrganization;
import io.keygate.accounts.api.OrganizationSummary;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Set;

/** Organisations, for the platform operator only. */
@Path("v1/organizations")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrganizationResource {

    @Inject
    AccountService accounts;

    @GET
    public PageBody<OrganizationSummary> list(@QueryParam("page") String page, @QueryParam("pageSize") String pageSize) {
        return PageBody.of(accounts.listOrganizations(ListParameters.pageRequest(page, pageSize, null, Set.of())));
    }

    @GET
    @Path("{id: [0-9]+}")
    public OrganizationSummary get(@PathParam("id") long id) {
        return accounts.getOrganization(id);
    }

    @POST
    public Response create(CreateOrganization request, @Context UriInfo uri) {
        OrganizationSummary created = accounts.createOrganization(RequestBodies.required(request));
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(created.id())).build()).entity(created).build();
    }
}
