package io.keygate.web.api;

import io.keygate.preferences.api.SaveTableLayout;
import io.keygate.preferences.api.TableLayout;
import io.keygate.preferences.api.TableLayoutService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's own layout of a table (T5): the same one every browser of theirs shows. DELETE resets it. */
@Path("v1/table-layouts/{table}")
@Tag(name = "Table layouts", description = "The caller's own arrangement of a portal table, the same in every browser; for admins signed in as "
        + "themselves, not API tokens (403 account_required).")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TableLayoutResource {

    @Inject
    TableLayoutService layouts;

    @GET
    @Operation(operationId = "getTableLayout", summary = "Read a table's layout",
            description = "The stored layout, or the table's defaults (no columns listed, version 0) when none was saved.")
    @APIResponse(responseCode = "200", description = "The layout.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "TableLayout")))
    @Parameter(name = "table", in = ParameterIn.PATH, description = "The table's id, 1 to 64 lower-case letters, digits and dashes; the portal's "
            + "tables are provisioning-keys, machine-groups, machines, signing-certificates and audit-log.",
            schema = @Schema(type = SchemaType.STRING))
    public TableLayout get(@PathParam("table") String table) {
        return layouts.get(table);
    }

    @PUT
    @Operation(operationId = "saveTableLayout", summary = "Save a table's layout",
            description = "The whole layout and the version read (0 for a table never arranged); a stale version changes nothing (409). Visible "
                    + "columns in order (empty: the table's defaults), widths of 40 to 2000 pixels, and a default filter that must be one of "
                    + "the caller's saved filters of the table.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SaveTableLayout"),
            examples = @ExampleObject(name = "keys", value = "{\"visibleColumns\": [\"name\", \"machineGroup\", \"status\", \"usage\", "
                    + "\"expires\"], \"widths\": {\"name\": 240, \"machineGroup\": 180}, \"filtersHidden\": false, \"defaultFilterId\": null, "
                    + "\"version\": 0}")))
    @APIResponse(responseCode = "200", description = "The layout as saved.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "TableLayout")))
    @Parameter(name = "table", in = ParameterIn.PATH, description = "The table's id, 1 to 64 lower-case letters, digits and dashes; the portal's "
            + "tables are provisioning-keys, machine-groups, machines, signing-certificates and audit-log.",
            schema = @Schema(type = SchemaType.STRING))
    public TableLayout save(@PathParam("table") String table, SaveTableLayout layout) {
        return layouts.save(table, RequestBodies.required(layout));
    }

    @DELETE
    @Operation(operationId = "resetTableLayout", summary = "Reset a table's layout",
            description = "Back to the table's default columns and widths; the filter bar and the default filter stay as they were.")
    @APIResponse(responseCode = "200", description = "The layout as reset.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "TableLayout")))
    @Parameter(name = "table", in = ParameterIn.PATH, description = "The table's id, 1 to 64 lower-case letters, digits and dashes; the portal's "
            + "tables are provisioning-keys, machine-groups, machines, signing-certificates and audit-log.",
            schema = @Schema(type = SchemaType.STRING))
    public TableLayout reset(@PathParam("table") String table) {
        return layouts.reset(table);
    }
}
