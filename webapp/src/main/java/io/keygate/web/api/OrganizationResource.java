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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Organisations, for the platform operator only. */
@Path("v1/organizations")
@Tag(name = "Organizations", description = "The organisations of the platform, for the platform operator only (403 for everyone else).")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrganizationResource {

    @Inject
    AccountService accounts;

    @GET
    @Operation(operationId = "listOrganizations", summary = "List organisations", description = "A page of the organisations, by name.")
    @APIResponse(responseCode = "200", description = "A page of organisations.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiPages.OrganizationPage.class)))
    public PageBody<OrganizationSummary> list(@QueryParam("page") String page, @QueryParam("pageSize") String pageSize) {
        return PageBody.of(accounts.listOrganizations(ListParameters.pageRequest(page, pageSize, null, Set.of())));
    }

    @GET
    @Path("{id: [0-9]+}")
    @Operation(operationId = "getOrganization", summary = "Read an organisation")
    @APIResponse(responseCode = "200", description = "The organisation and how many admins it has.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "OrganizationSummary")))
    public OrganizationSummary get(@PathParam("id") long id) {
        return accounts.getOrganization(id);
    }

    @POST
    @Operation(operationId = "createOrganization", summary = "Create an organisation",
            description = "With its first ADMINISTRATOR. The name may hold letters, digits, '.', '-' and '_' and is unique ignoring case; the "
                    + "username is 1 to 64 letters, digits, '.', '-', '_' or '@'; the password 12 to 256 characters. Audited.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "CreateOrganization"),
            examples = @ExampleObject(name = "example-corp", value = "{\"name\": \"Example-Corp\", \"adminUsername\": \"admin@example.com\", "
                    + "\"adminPassword\": \"replace-with-a-long-passphrase\"}")))
    @APIResponse(responseCode = "201", description = "Created; Location names it.",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "OrganizationSummary")))
    public Response create(CreateOrganization request, @Context UriInfo uri) {
        OrganizationSummary created = accounts.createOrganization(RequestBodies.required(request));
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(created.id())).build()).entity(created).build();
    }
}
