package io.keygate.web.api;

import io.keygate.groups.api.CreateMachineGroup;
import io.keygate.groups.api.MachineGroupFilter;
import io.keygate.groups.api.MachineGroupService;
import io.keygate.groups.api.MachineGroupSummary;
import io.keygate.groups.api.UpdateMachineGroup;
import io.keygate.web.exports.TableExports;
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

@Path("v1/machine-groups")
@Tag(name = "Machine groups", description = "The groups machines enroll into; a key names the group its machines join.")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MachineGroupResource {

    @Inject
    TableExports exports;
    @Inject
    MachineGroupService groups;

    @GET
    @Operation(operationId = "listMachineGroups", summary = "List machine groups",
            description = "A page of the organisation's groups; the filters are the groups table's chips.")
    @APIResponse(responseCode = "200", description = "A page of groups.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiPages.MachineGroupPage.class)))
    @Parameter(name = "name", in = ParameterIn.QUERY, description = "Part of the name, ignoring case.", schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "enabled", in = ParameterIn.QUERY, description = "Only enabled (true) or disabled (false) groups.", schema = @Schema(type = SchemaType.BOOLEAN))
    @Parameter(name = "hasMachines", in = ParameterIn.QUERY, description = "Only groups with machines (true) or empty ones (false).",
            schema = @Schema(type = SchemaType.BOOLEAN))
    @Parameter(name = "search", in = ParameterIn.QUERY, description = "Part of the name or description, ignoring case.", schema = @Schema(type = SchemaType.STRING))
    public PageBody<MachineGroupSummary> list(@QueryParam("page") String page, @QueryParam("pageSize") String pageSize,
                                              @QueryParam("sort") String sort, @Context UriInfo uri) {
        MachineGroupFilter filter = MachineGroupFilter.parse(uri.getQueryParameters(), ListParameters.PAGING);
        return PageBody.of(groups.list(filter, ListParameters.pageRequest(page, pageSize, sort, MachineGroupService.SORTABLE_FIELDS)));
    }

    /** The groups table as a file (X1): like {@code /provisioning-keys/export}, with the groups list's filters. */
    @GET
    @Path("export")
    @Operation(operationId = "exportMachineGroups", summary = "Export machine groups as a file",
            description = "The groups the list's filters match, as CSV (format=csv, the default), JSON or XLSX; one export per admin at a time.")
    @APIResponse(responseCode = "200", description = "The file, streamed.", content = {
            @Content(mediaType = ExportResponses.CSV), @Content(mediaType = ExportResponses.JSON), @Content(mediaType = ExportResponses.XLSX)})
    @Produces(MediaType.WILDCARD)
    public Response export(@Context UriInfo uri) {
        return ExportResponses.of(exports.prepare(TableExports.GROUPS, uri.getQueryParameters()));
    }

    @GET
    @Path("{id: [0-9]+}")
    @Operation(operationId = "getMachineGroup", summary = "Read a machine group", description = "Its ETag is its version, for If-Match.")
    @APIResponse(responseCode = "200", description = "The group.", headers = @Header(name = "ETag", description = "The version, quoted: \"3\".",
            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "MachineGroupSummary")))
    public MachineGroupSummary get(@PathParam("id") long id) {
        return groups.get(id);
    }

    @POST
    @Operation(operationId = "createMachineGroup", summary = "Create a machine group")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "CreateMachineGroup"),
            examples = @ExampleObject(name = "web", value = "{\"name\": \"web-servers\", \"description\": \"Public web tier\", \"enabled\": true}")))
    @APIResponse(responseCode = "201", description = "Created; Location names it.", headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "MachineGroupSummary")))
    public Response create(CreateMachineGroup request, @Context UriInfo uri) {
        MachineGroupSummary created = groups.create(RequestBodies.required(request));
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(created.id())).build()).entity(created).build();
    }

    @PUT
    @Path("{id: [0-9]+}")
    @Operation(operationId = "updateMachineGroup", summary = "Change a machine group",
            description = "Every field, and the version read (in the body or as If-Match); a stale version changes nothing.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "UpdateMachineGroup"),
            examples = @ExampleObject(name = "disable", value = "{\"name\": \"web-servers\", \"description\": \"Public web tier\", "
                    + "\"enabled\": false, \"version\": 3}")))
    @APIResponse(responseCode = "200", description = "The group as changed.", headers = @Header(name = "ETag", description = "The new version, quoted.",
            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "MachineGroupSummary")))
    public MachineGroupSummary update(@PathParam("id") long id, UpdateMachineGroup request, @HeaderParam(Preconditions.IF_MATCH) String ifMatch) {
        UpdateMachineGroup body = RequestBodies.required(request);
        Long version = Preconditions.version(ifMatch, body.version());
        return Preconditions.guarded(ifMatch, () -> groups.update(id, new UpdateMachineGroup(body.name(), body.description(), body.enabled(), version)));
    }

    @DELETE
    @Path("{id: [0-9]+}")
    @Operation(operationId = "deleteMachineGroup", summary = "Delete a machine group", description = "Refused (409) while machines or keys use it.")
    @APIResponse(responseCode = "204", description = "Deleted.")
    public Response delete(@PathParam("id") long id, @HeaderParam(Preconditions.IF_MATCH) String ifMatch) {
        OptionalLong expected = Preconditions.ifMatch(ifMatch);
        if (expected.isPresent()) {
            Preconditions.guarded(ifMatch, () -> {
                groups.delete(id, expected.getAsLong());
                return null;
            });
        } else {
            groups.delete(id);
        }
        return Response.noContent().build();
    }
}
