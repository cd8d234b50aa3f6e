package io.keygate.web.api;

import io.keygate.tokens.api.ApiTokenService;
import io.keygate.tokens.api.ApiTokenSummary;
import io.keygate.tokens.api.CreateApiToken;
import io.keygate.tokens.api.CreatedApiToken;
import io.keygate.web.infrastructure.RecentSignIn;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The organisation's API tokens, for ADMINISTRATORs: listed newest first, created by an admin (the 201 carries the value,
 * this once), read and revoked (DELETE: the token stays listed as revoked).
 */
@Path("v1/api-tokens")
@Tag(name = "API tokens", description = "The organisation's API tokens, managed by ADMINISTRATORs signed in as themselves, never with a token "
        + "(403 account_required).")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApiTokenResource {

    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    ApiTokenService tokens;
    @Inject
    RecentSignIn recentSignIn;

    @GET
    @Operation(operationId = "listApiTokens", summary = "List API tokens",
            description = "A page of the organisation's tokens, newest first, revoked and expired ones too; never their values, only the prefix.")
    @APIResponse(responseCode = "200", description = "A page of tokens.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiPages.ApiTokenPage.class)))
    public PageBody<ApiTokenSummary> list(@QueryParam("page") String page, @QueryParam("pageSize") String pageSize) {
        return PageBody.of(tokens.list(ListParameters.pageRequest(page, pageSize, null, Set.of())));
    }

    @POST
    @Operation(operationId = "createApiToken", summary = "Create an API token",
            description = "The role is ADMINISTRATOR or READ_ONLY; without expiresAt the token never expires, without ipAllowList it is accepted "
                    + "from any address. The answer holds the token's value this once and is sent with Cache-Control: no-store. Audited.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "CreateApiToken"),
            examples = @ExampleObject(name = "ci", value = "{\"name\": \"ci-pipeline\", \"role\": \"READ_ONLY\", "
                    + "\"expiresAt\": \"2030-01-31T00:00:00Z\", \"ipAllowList\": [\"203.0.113.0/24\"]}")))
    @APIResponse(responseCode = "201", description = "Created; Location names it. The body is the token and its value.", headers = {
            @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "Cache-Control", description = "no-store: the answer holds a secret.", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiTokenSummary.class,
                    requiredProperties = "apiToken", properties = @SchemaProperty(name = "apiToken", type = SchemaType.STRING,
                    description = "The token's value, kgt_<tokenId>_<secret>, shown this once: send it as Authorization: Bearer."))))
    public Response create(CreateApiToken request, @Context UriInfo uri) {
        CreateApiToken asked = RequestBodies.required(request);
        recentSignIn.require();
        CreatedApiToken created = tokens.create(asked);
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
    @Operation(operationId = "getApiToken", summary = "Read an API token", description = "Never its value, only the prefix.")
    @APIResponse(responseCode = "200", description = "The token.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ApiTokenSummary")))
    public ApiTokenSummary get(@PathParam("id") long id) {
        return tokens.get(id);
    }

    @DELETE
    @Path("{id: [0-9]+}")
    @Operation(operationId = "revokeApiToken", summary = "Revoke an API token",
            description = "Every later use is refused (401); the token stays listed as REVOKED. Revoking a revoked token changes nothing. Audited.")
    @APIResponse(responseCode = "204", description = "Revoked.")
    public Response revoke(@PathParam("id") long id) {
        tokens.revoke(id);
        return Response.noContent().build();
    }
}
