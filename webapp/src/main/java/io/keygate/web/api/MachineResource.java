package io.keygate.web.api;

import io.keygate.groups.api.MachineFilter;
import io.keygate.groups.api.MachineService;
import io.keygate.groups.api.MachineSummary;
import io.keygate.web.exports.TableExports;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Enrolled machines: listed with the machines table's filters, read, and removed (which revokes their certificates). */
@Path("v1/machines")
@Tag(name = "Machines", description = "The machines enrolled with a provisioning key, each with its newest certificate.")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MachineResource {

    @Inject
    TableExports exports;
    @Inject
    MachineService machines;

    @GET
    @Operation(operationId = "listMachines", summary = "List machines",
            description = "A page of the organisation's machines, removed ones too; the filters are the machines table's chips, a repeated "
                    + "filter matches any of its values. Sortable by hostname, enrolledAt, reEnrolledAt and status. An unknown filter is "
                    + "refused (400).")
    @APIResponse(responseCode = "200", description = "A page of machines.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiPages.MachinePage.class)))
    @Parameter(name = "machineGroupId", in = ParameterIn.QUERY, description = "Only machines of this machine group; repeatable.",
            schema = @Schema(type = SchemaType.ARRAY, implementation = Integer.class))
    @Parameter(name = "provisioningKeyId", in = ParameterIn.QUERY, description = "Only machines enrolled with this provisioning key; repeatable.",
            schema = @Schema(type = SchemaType.ARRAY, implementation = Integer.class))
    @Parameter(name = "hostname", in = ParameterIn.QUERY, description = "Part of the hostname, ignoring case.",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "status", in = ParameterIn.QUERY, description = "active or removed, ignoring case; repeatable.",
            schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
    @Parameter(name = "search", in = ParameterIn.QUERY, description = "Part of the hostname or fingerprint, ignoring case.",
            schema = @Schema(type = SchemaType.STRING))
    public PageBody<MachineSummary> list(@QueryParam("page") String page, @QueryParam("pageSize") String pageSize,
                                         @QueryParam("sort") String sort, @Context UriInfo uri) {
        MachineFilter filter = MachineFilter.parse(uri.getQueryParameters(), ListParameters.PAGING);
        return PageBody.of(machines.list(filter, ListParameters.pageRequest(page, pageSize, sort, MachineService.SORTABLE_FIELDS)));
    }

    /** The machines table as a file (X1): like {@code /provisioning-keys/export}, with the machines list's filters. */
    @GET
    @Path("export")
    @Operation(operationId = "exportMachines", summary = "Export machines as a file",
            description = "The machines the list's filters match, as CSV (format=csv, the default), JSON or XLSX; one export per admin at a time. "
                    + "Audited.")
    @APIResponse(responseCode = "200", description = "The file, streamed.", content = {
            @Content(mediaType = ExportResponses.CSV), @Content(mediaType = ExportResponses.JSON), @Content(mediaType = ExportResponses.XLSX)})
    @Produces(MediaType.WILDCARD)
    public Response export(@Context UriInfo uri) {
        return ExportResponses.of(exports.prepare(TableExports.MACHINES, uri.getQueryParameters()));
    }

    @GET
    @Path("{id: [0-9]+}")
    @Operation(operationId = "getMachine", summary = "Read a machine")
    @APIResponse(responseCode = "200", description = "The machine and its newest certificate.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "MachineSummary")))
    public MachineSummary get(@PathParam("id") long id) {
        return machines.get(id);
    }

    @DELETE
    @Path("{id: [0-9]+}")
    @Operation(operationId = "removeMachine", summary = "Remove a machine",
            description = "ADMINISTRATOR only. The machine becomes REMOVED and its certificates REVOKED; it stays listed and can enroll again "
                    + "only as a new machine. Removing a removed machine changes nothing. Audited.")
    @APIResponse(responseCode = "204", description = "Removed.")
    public Response remove(@PathParam("id") long id) {
        machines.remove(id);
        return Response.noContent().build();
    }
}
