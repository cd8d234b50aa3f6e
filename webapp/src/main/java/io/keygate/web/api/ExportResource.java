package io.keygate.web.api;

import io.keygate.platform.api.NotFoundException;
import io.keygate.web.exports.ExportRuns;
import io.keygate.web.exports.TableExports;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller's running export (X3): how far it got, and Cancel. One runs at a time per admin. */
@Path("v1/exports/current")
@Tag(name = "Exports", description = "The caller's running table export: one runs at a time per admin, a second is refused (409 export_running).")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ExportResource {

    @Inject
    TableExports exports;

    /** A running export's table and rows written so far. */
    public record RunningExport(String table, long rows) {
    }

    @GET
    @Operation(operationId = "getCurrentExport", summary = "Read the running export",
            description = "The table being exported and the rows written so far; 404 when no export runs.")
    @APIResponse(responseCode = "200", description = "The running export.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "RunningExport")))
    public RunningExport current() {
        ExportRuns.Run run = exports.running().orElseThrow(() -> new NotFoundException("export", "current"));
        return new RunningExport(run.table(), run.rows());
    }

    /** Stops the running export: its download ends unfinished, and the audit records the rows it had written. */
    @DELETE
    @Operation(operationId = "cancelCurrentExport", summary = "Cancel the running export",
            description = "Its download ends unfinished and the audit event records the rows it had written; 404 when no export runs.")
    @APIResponse(responseCode = "204", description = "Cancelled.")
    public Response cancel() {
        if (!exports.cancel()) {
            throw new NotFoundException("export", "current");
        }
        return Response.noContent().build();
    }
}
