package io.keygate.web.api;

import io.keygate.tokens.api.ApiTokenService;
import io.keygate.tokens.api.ApiTokenSummary;
import io.keygate.tokens.api.CreateApiToken;
import io.keygate.tokens.api.CreatedApiToken;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.StringReader;
import java.util.Set;

/**
 * The organisation's API tokens, for ADMINISTRATORs: listed newest first, created by an admin (the 201 carries the value,
 * this once), read and revoked (DELETE: the token stays listed as revoked).
 */
@Path("v1/api-tokens")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApiTokenResource {

    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    ApiTokenService tokens;

    @GET
    public PageBody<ApiTokenSummary> list(@QueryParam("page") String page, @QueryParam("pageSize") String pageSize) {
        return PageBody.of(tokens.list(ListParameters.pageRequest(page, pageSize, null, Set.of())));
    }

    @POST
    public Response create(CreateApiToken request, @Context UriInfo uri) {
        CreatedApiToken created = tokens.create(RequestBodies.required(request));
        JsonObject summary = JSON.createReader(new StringReader(StrictJson.JSONB.toJson(created.token()))).readObject();
        JsonObject body = JSON.createObjectBuilder(summary).add("apiToken", created.apiToken()).build();
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        noStore.setNoCache(true);
        return Response.created(uri.getBaseUriBuilder().path(ApiTokenResource.class).path(String.valueOf(created.token().id())).build())
                .cacheControl(noStore).entity(body).build();
    }

    @GET
    @Path("{id: [0-9]+}")
    public ApiTokenSummary get(@PathParam("id") long id) {
        return tokens.get(id);
    }

    @DELETE
    @Path("{id: [0-9]+}")
    public Response revoke(@PathParam("id") long id) {
        tokens.revoke(id);
        return Response.noContent().build();
    }
}
