package io.keygate.web.api;

import io.keygate.accounts.api.AccountService;
import io.keygate.accounts.api.AdminSummary;
import io.keygate.accounts.api.CreateAdmin;
import io.keygate.accounts.api.UpdateAdmin;
import io.keygate.web.infrastructure.RecentSignIn;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The admins of the caller's organisation. */
@Path("v1/admins")
@Tag(name = "Admins", description = "The accounts of the caller's organisation; only an ADMINISTRATOR signed in as themselves, not an API token, "
        + "changes them.")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AdminResource {

    @Inject
    AccountService accounts;
    @Inject
    RecentSignIn recentSignIn;

    @GET
    @Operation(operationId = "listAdmins", summary = "List admins", description = "A page of the organisation's admins, by username.")
    @APIResponse(responseCode = "200", description = "A page of admins.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiPages.AdminPage.class)))
    public PageBody<AdminSummary> list(@QueryParam("page") String page, @QueryParam("pageSize") String pageSize) {
        return PageBody.of(accounts.listAdmins(ListParameters.pageRequest(page, pageSize, null, Set.of())));
    }

    @GET
    @Path("{id: [0-9]+}")
    @Operation(operationId = "getAdmin", summary = "Read an admin", description = "Its ETag is its version, for If-Match.")
    @APIResponse(responseCode = "200", description = "The admin.", headers = @Header(name = "ETag", description = "The version, quoted: \"3\".",
            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AdminSummary")))
    public AdminSummary get(@PathParam("id") long id) {
        return accounts.getAdmin(id);
    }

    @POST
    @Operation(operationId = "createAdmin", summary = "Create an admin",
            description = "ADMINISTRATOR accounts only, not API tokens (403 account_required). The username is 1 to 64 letters, digits, '.', "
                    + "'-', '_' or '@', unique ignoring case; the password 12 to 256 characters; the role ADMINISTRATOR or READ_ONLY. Audited.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "CreateAdmin"),
            examples = @ExampleObject(name = "reader", value = "{\"username\": \"jdoe@example.com\", "
                    + "\"password\": \"replace-with-a-long-passphrase\", \"role\": \"READ_ONLY\"}")))
    @APIResponse(responseCode = "201", description = "Created; Location names it.",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AdminSummary")))
    public Response create(CreateAdmin request, @Context UriInfo uri) {
        CreateAdmin body = RequestBodies.required(request);
        recentSignIn.require();
        AdminSummary created = accounts.createAdmin(body);
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(created.id())).build()).entity(created).build();
    }

    @PUT
    @Path("{id: [0-9]+}")
    @Operation(operationId = "updateAdmin", summary = "Change an admin's role or password",
            description = "ADMINISTRATOR accounts only, not API tokens (403 account_required). The role, a new password when newPassword is "
                    + "given, and the version read (in the body or as If-Match); a stale version changes nothing. The last ADMINISTRATOR stays "
                    + "one (409 last_administrator). Audited.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "UpdateAdmin"),
            examples = @ExampleObject(name = "promote", value = "{\"role\": \"ADMINISTRATOR\", \"version\": 2}")))
    @APIResponse(responseCode = "200", description = "The admin as changed.",
            headers = @Header(name = "ETag", description = "The new version, quoted: \"3\".", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "AdminSummary")))
    public AdminSummary update(@PathParam("id") long id, UpdateAdmin request, @HeaderParam(Preconditions.IF_MATCH) String ifMatch) {
        UpdateAdmin body = RequestBodies.required(request);
        recentSignIn.require();
        Long version = Preconditions.version(ifMatch, body.version());
        return Preconditions.guarded(ifMatch, () -> accounts.updateAdmin(id, new UpdateAdmin(body.role(), body.newPassword(), version)));
    }

    @DELETE
    @Path("{id: [0-9]+}")
    @Operation(operationId = "deleteAdmin", summary = "Delete an admin",
            description = "ADMINISTRATOR accounts only, not API tokens (403 account_required). Refused (409) for the caller's own account and the "
                    + "last ADMINISTRATOR. With If-Match, only at that version. Audited.")
    @APIResponse(responseCode = "204", description = "Deleted.")
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
