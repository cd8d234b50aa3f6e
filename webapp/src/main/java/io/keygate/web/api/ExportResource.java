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

/** The caller's running export (X3): how far it got, and Cancel. One runs at a time per admin. */
@Path("v1/exports/current")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ExportResource {

    @Inject
    TableExports exports;

    /** A running export's table and rows written so far. */
    public record RunningExport(String table, long rows) {
    }

    @GET
    public RunningExport current() {
        ExportRuns.Run run = exports.running().orElseThrow(() -> new NotFoundException("export", "current"));
        return new RunningExport(run.table(), run.rows());
    }

    /** Stops the running export: its download ends unfinished, and the audit records the rows it had written. */
    @DELETE
    public Response cancel() {
        if (!exports.cancel()) {
            throw new NotFoundException("export", "current");
        }
        return Response.noContent().build();
    }
}
