package io.keygate.web.api;

import io.keygate.platform.api.Page;
import io.keygate.preferences.api.SaveFilter;
import io.keygate.preferences.api.SavedFilter;
import io.keygate.preferences.api.SavedFilterService;
import io.keygate.preferences.api.UpdateSavedFilter;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The caller's own saved filters (T4, T9). The API has no browser session, so it keeps filters in the
 * admin's preferences only; a filter saved for a browser session is not visible here.
 */
@Path("v1/saved-filters")
@Tag(name = "Saved filters", description = "The caller's own saved filters of the portal's tables, kept in their preferences; for admins "
        + "signed in as themselves, not API tokens (403 account_required).")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SavedFilterResource {

    private static final String NO_SESSION = null;

    @Inject
    SavedFilterService filters;

    /** All of the caller's filters of one table (at most {@value SavedFilterService#MAX_PER_TABLE}), in the shape of every list. */
    @GET
    @Operation(operationId = "listSavedFilters", summary = "List saved filters",
            description = "All of the caller's saved filters of one table (at most 50), as one page.")
    @APIResponse(responseCode = "200", description = "The table's saved filters.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiPages.SavedFilterPage.class)))
    @Parameter(name = "table", in = ParameterIn.QUERY, required = true,
            description = "The table's id, 1 to 64 lower-case letters, digits and dashes; the portal's tables are provisioning-keys, "
                    + "machine-groups, machines, signing-certificates and audit-log.",
            schema = @Schema(type = SchemaType.STRING))
    public PageBody<SavedFilter> list(@QueryParam("table") String table) {
        List<SavedFilter> list = filters.list(table, NO_SESSION);
        return PageBody.of(new Page<>(list, 1, SavedFilterService.MAX_PER_TABLE, list.size()));
    }

    @GET
    @Path("{id: [0-9]+}")
    @Operation(operationId = "getSavedFilter", summary = "Read a saved filter",
            description = "Only the caller's own; anyone else's is not found (404).")
    @APIResponse(responseCode = "200", description = "The saved filter.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SavedFilter")))
    public SavedFilter get(@PathParam("id") long id) {
        return filters.get(id, NO_SESSION);
    }

    @POST
    @Operation(operationId = "createSavedFilter", summary = "Save a filter",
            description = "The table's id, a name of 1 to 100 characters unique for the table, and the criteria: the table's filter values by "
                    + "name, as its list takes them. The scope is PREFERENCES (the default); SESSION needs a browser session and is refused "
                    + "here (400). At most 50 per table (409). Audited.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SaveFilter"),
            examples = @ExampleObject(name = "expiring", value = "{\"table\": \"provisioning-keys\", \"name\": \"Web keys expiring soon\", "
                    + "\"scope\": \"PREFERENCES\", \"criteria\": {\"machineGroupId\": [\"3\"], \"expiresBefore\": [\"2030-01-31\"]}}")))
    @APIResponse(responseCode = "201", description = "Saved; Location names it.",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SavedFilter")))
    public Response create(SaveFilter request, @Context UriInfo uri) {
        SavedFilter created = filters.create(RequestBodies.required(request), NO_SESSION);
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(created.id())).build()).entity(created).build();
    }

    @PUT
    @Path("{id: [0-9]+}")
    @Operation(operationId = "updateSavedFilter", summary = "Change a saved filter",
            description = "A new name and criteria, and the version read; a stale version changes nothing (409). Audited.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "UpdateSavedFilter"),
            examples = @ExampleObject(name = "expiring", value = "{\"name\": \"Web keys expiring soon\", "
                    + "\"criteria\": {\"machineGroupId\": [\"3\", \"7\"], \"expiresBefore\": [\"2030-01-31\"]}, \"version\": 1}")))
    @APIResponse(responseCode = "200", description = "The saved filter as changed.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SavedFilter")))
    public SavedFilter update(@PathParam("id") long id, UpdateSavedFilter request) {
        return filters.update(id, RequestBodies.required(request), NO_SESSION);
    }

    @DELETE
    @Path("{id: [0-9]+}")
    @Operation(operationId = "deleteSavedFilter", summary = "Delete a saved filter", description = "Audited.")
    @APIResponse(responseCode = "204", description = "Deleted.")
    public Response delete(@PathParam("id") long id) {
        filters.delete(id, NO_SESSION);
        return Response.noContent().build();
    }
}
