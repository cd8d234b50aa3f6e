package io.keygate.web.api;

import io.keygate.keys.api.CreateProvisioningKey;
import io.keygate.keys.api.CreatedProvisioningKey;
import io.keygate.keys.api.ProvisioningKeyFilter;
import io.keygate.keys.api.ProvisioningKeyService.ValueAccess;
import io.keygate.keys.api.ProvisioningKeyService;
import io.keygate.keys.api.ProvisioningKeySummary;
import io.keygate.keys.api.RotateProvisioningKey;
import io.keygate.keys.api.UpdateProvisioningKey;
import io.keygate.web.exports.TableExports;
import io.keygate.web.infrastructure.RecentSignIn;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
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
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Provisioning keys. The value appears only in the create response and, for exportable keys, in the
 * explicit reveal and download answers (R4); those three are never cached.
 */
@Path("v1/provisioning-keys")
@Tag(name = "Provisioning keys", description = "The keys machines enroll with; a key's value is shown at creation and, for exportable keys, "
        + "on reveal or download, never in a list.")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProvisioningKeyResource {

    /** Looked up once: {@code Json.create…} searches the class path for a provider on every call (a lock held per request). */
    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    ProvisioningKeyService keys;
    @Inject
    TableExports exports;
    @Inject
    RecentSignIn recentSignIn;

    /** Filters are the keys table's chips, by the names of {@link ProvisioningKeyFilter#PARAMETERS}; several values of one are alternatives. */
    @GET
    @Operation(operationId = "listProvisioningKeys", summary = "List provisioning keys",
            description = "A page of the organisation's keys, without their values; the filters are the keys table's chips, a repeated filter "
                    + "matches any of its values and different filters combine. Sortable by name, enabled, usageCount, expiresAt, lastUsedAt "
                    + "and createdAt. An unknown filter is refused (400).")
    @APIResponse(responseCode = "200", description = "A page of keys.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiPages.ProvisioningKeyPage.class)))
    @Parameter(name = "name", in = ParameterIn.QUERY, description = "Part of the name, ignoring case.", schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "search", in = ParameterIn.QUERY, description = "Part of the name or description, ignoring case.",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "machineGroupId", in = ParameterIn.QUERY, description = "Only keys of this machine group; repeatable.",
            schema = @Schema(type = SchemaType.ARRAY, implementation = Integer.class))
    @Parameter(name = "enabled", in = ParameterIn.QUERY,
            description = "Only enabled (true) or disabled (false) keys; a rotated key past its deadline counts as disabled.",
            schema = @Schema(type = SchemaType.BOOLEAN))
    @Parameter(name = "signingCertificateId", in = ParameterIn.QUERY, description = "Only keys that use this signing certificate; repeatable.",
            schema = @Schema(type = SchemaType.ARRAY, implementation = Integer.class))
    @Parameter(name = "exportable", in = ParameterIn.QUERY, description = "Only keys whose value can (true) or cannot (false) be revealed again.",
            schema = @Schema(type = SchemaType.BOOLEAN))
    @Parameter(name = "allowReEnrollment", in = ParameterIn.QUERY, description = "Only keys that do (true) or do not (false) allow re-enrollment.",
            schema = @Schema(type = SchemaType.BOOLEAN))
    @Parameter(name = "usage", in = ParameterIn.QUERY,
            description = "unused (never used), in_use (used, below its maximum) or exhausted (used as often as its maximum allows), "
                    + "ignoring case; repeatable.",
            schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
    @Parameter(name = "expiresBefore", in = ParameterIn.QUERY,
            description = "Only keys that expire before this date (2030-01-31, its start in UTC) or UTC time (2030-01-31T12:00:00Z).",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "expiresAfter", in = ParameterIn.QUERY,
            description = "Only keys that expire after this date or UTC time, or never; must be earlier than expiresBefore.",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "createdBy", in = ParameterIn.QUERY, description = "Only keys created by this username, ignoring case; repeatable.",
            schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
    @Parameter(name = "createdFrom", in = ParameterIn.QUERY,
            description = "Only keys created at or after this date (2030-01-31, its start in UTC) or UTC time (2030-01-31T12:00:00Z).",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "createdTo", in = ParameterIn.QUERY,
            description = "Only keys created before this date or UTC time; must be later than createdFrom.",
            schema = @Schema(type = SchemaType.STRING))
    public PageBody<ProvisioningKeySummary> list(@QueryParam("page") String page, @QueryParam("pageSize") String pageSize,
                                                 @QueryParam("sort") String sort, @Context UriInfo uri) {
        ProvisioningKeyFilter filter = ProvisioningKeyFilter.parse(uri.getQueryParameters(), ListParameters.PAGING);
        return PageBody.of(keys.list(filter, ListParameters.pageRequest(page, pageSize, sort, ProvisioningKeyService.SORTABLE_FIELDS)));
    }

    /**
     * The keys table as a file (X1): {@code format=csv|xlsx|json}, the list's filters, {@code sort}, {@code columns}
     * (the table's column ids, in the file's order; all by default) and {@code bom=true} for a CSV with a byte order
     * mark. Streamed: the first bytes leave before the last key is read. Never a key's value (X2).
     */
    @GET
    @Path("export")
    @Operation(operationId = "exportProvisioningKeys", summary = "Export provisioning keys as a file",
            description = "The keys the list's filters match, as CSV (format=csv, the default), JSON or XLSX, never with their values; "
                    + "one export per admin at a time. Audited.")
    @APIResponse(responseCode = "200", description = "The file, streamed.", content = {
            @Content(mediaType = ExportResponses.CSV), @Content(mediaType = ExportResponses.JSON), @Content(mediaType = ExportResponses.XLSX)})
    @Produces(MediaType.WILDCARD)
    public Response export(@Context UriInfo uri) {
        return ExportResponses.of(exports.prepare(TableExports.KEYS, uri.getQueryParameters()));
    }

    @GET
    @Path("{id: [0-9]+}")
    @Operation(operationId = "getProvisioningKey", summary = "Read a provisioning key",
            description = "Never its value. Its ETag is its version, for If-Match.")
    @APIResponse(responseCode = "200", description = "The key.", headers = @Header(name = "ETag", description = "The version, quoted: \"3\".",
            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ProvisioningKeySummary")))
    public ProvisioningKeySummary get(@PathParam("id") long id) {
        return keys.get(id);
    }

    @POST
    @Operation(operationId = "createProvisioningKey", summary = "Create a provisioning key",
            description = "ADMINISTRATOR only. Without enabled or exportable the key is both; without maxUsage, expiresAt or ipAllowList it has "
                    + "no limit. The answer holds the key's value this once and is sent with Cache-Control: no-store. Audited.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "CreateProvisioningKey"),
            examples = @ExampleObject(name = "web-fleet", value = "{\"name\": \"web-fleet\", \"description\": \"Web tier machines\", "
                    + "\"machineGroupId\": 3, \"signingCertificateId\": 2, \"enabled\": true, \"exportable\": true, \"allowReEnrollment\": false, "
                    + "\"maxUsage\": 50, \"expiresAt\": \"2030-01-31T00:00:00Z\", \"ipAllowList\": [\"203.0.113.0/24\", \"198.51.100.7\"]}")))
    @APIResponse(responseCode = "201", description = "Created; Location names it. The body is the key and its value.", headers = {
            @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "Cache-Control", description = "no-store: the answer holds a secret.", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProvisioningKeySummary.class,
                    requiredProperties = "provisioningKey", properties = @SchemaProperty(name = "provisioningKey", type = SchemaType.STRING,
                    description = "The key's value, 1|<host>|mpk_<keyId>_<secret>, shown this once."))))
    public Response create(CreateProvisioningKey request, @Context UriInfo uri) {
        return createdResponse(keys.create(RequestBodies.required(request)), uri);
    }

    /**
     * K12: a new key with the old one's settings. The JSON body ({@code name}, {@code keepOldValidUntil}) is
     * optional, so {@code curl -X POST .../rotate} rotates with the defaults.
     */
    @POST
    @Path("{id: [0-9]+}/rotate")
    @Operation(operationId = "rotateProvisioningKey", summary = "Rotate a provisioning key",
            description = "ADMINISTRATOR only. A new key with the old one's settings (name: the next free web-fleet-2, unless given); the old "
                    + "key stops working now or at keepOldValidUntil and points to its replacement. The body is optional. Refused (409) for a "
                    + "key already rotated or expired. The answer holds the new key's value this once, with Cache-Control: no-store. Audited.")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
            properties = {
                @SchemaProperty(name = "name", type = SchemaType.STRING, description = "The new key's name; by default the old one's, numbered."),
                @SchemaProperty(name = "keepOldValidUntil", type = SchemaType.STRING, format = "date-time",
                        description = "Until when the old key keeps working, no later than its expiry; by default it stops at once.")}),
            examples = @ExampleObject(name = "overlap", value = "{\"name\": \"web-fleet-2\", \"keepOldValidUntil\": \"2029-12-31T00:00:00Z\"}")))
    @APIResponse(responseCode = "201", description = "Rotated; Location names the new key. The body is the new key and its value.", headers = {
            @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "Cache-Control", description = "no-store: the answer holds a secret.", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProvisioningKeySummary.class,
                    requiredProperties = "provisioningKey", properties = @SchemaProperty(name = "provisioningKey", type = SchemaType.STRING,
                    description = "The new key's value, 1|<host>|mpk_<keyId>_<secret>, shown this once."))))
    @Consumes(MediaType.WILDCARD)
    public Response rotate(@PathParam("id") long id, String body, @Context UriInfo uri) {
        RotateProvisioningKey request = body == null || body.isBlank()
                ? new RotateProvisioningKey(null, null)
                : RequestBodies.required(StrictJson.JSONB.fromJson(body, RotateProvisioningKey.class));
        return createdResponse(keys.rotate(id, request), uri);
    }

    @PUT
    @Path("{id: [0-9]+}")
    @Operation(operationId = "updateProvisioningKey", summary = "Change a provisioning key",
            description = "ADMINISTRATOR only. Every field but the machine group, and the version read (in the body or as If-Match); a stale "
                    + "version changes nothing. exportable can only be turned off (on again is 409 key.not.exportable); maxUsage cannot go "
                    + "below the key's uses. Audited.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "UpdateProvisioningKey"),
            examples = @ExampleObject(name = "web-fleet", value = "{\"name\": \"web-fleet\", \"description\": \"Web tier machines\", "
                    + "\"signingCertificateId\": 2, \"enabled\": true, \"exportable\": true, \"allowReEnrollment\": false, \"maxUsage\": 100, "
                    + "\"expiresAt\": \"2030-01-31T00:00:00Z\", \"ipAllowList\": [\"203.0.113.0/24\"], \"version\": 3}")))
    @APIResponse(responseCode = "200", description = "The key as changed.",
            headers = @Header(name = "ETag", description = "The new version, quoted: \"4\".", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "ProvisioningKeySummary")))
    public ProvisioningKeySummary update(@PathParam("id") long id, UpdateProvisioningKey request, @HeaderParam(Preconditions.IF_MATCH) String ifMatch) {
        UpdateProvisioningKey body = RequestBodies.required(request);
        UpdateProvisioningKey versioned = new UpdateProvisioningKey(body.name(), body.description(), body.signingCertificateId(), body.enabled(),
                body.exportable(), body.allowReEnrollment(), body.maxUsage(), body.expiresAt(), body.ipAllowList(), Preconditions.version(ifMatch, body.version()));
        return Preconditions.guarded(ifMatch, () -> keys.update(id, versioned));
    }

    @DELETE
    @Path("{id: [0-9]+}")
    @Operation(operationId = "deleteProvisioningKey", summary = "Delete a provisioning key",
            description = "ADMINISTRATOR only. The key stops working at once; its record stays for the audit trail. With If-Match, only at that "
                    + "version. Audited.")
    @APIResponse(responseCode = "204", description = "Deleted.")
    public Response delete(@PathParam("id") long id, @HeaderParam(Preconditions.IF_MATCH) String ifMatch) {
        OptionalLong expected = Preconditions.ifMatch(ifMatch);
        if (expected.isPresent()) {
            Preconditions.guarded(ifMatch, () -> {
                keys.delete(id, expected.getAsLong());
                return null;
            });
        } else {
            keys.delete(id);
        }
        return Response.noContent().build();
    }

    @POST
    @Path("{id: [0-9]+}/reveal")
    @Operation(operationId = "revealProvisioningKey", summary = "Reveal a provisioning key's value",
            description = "ADMINISTRATOR only, for exportable keys (else 409 key.not.exportable). No body. Sent with Cache-Control: no-store. "
                    + "Audited. A browser session (not a token) whose password was typed more than 5 minutes ago gets 403 step_up_required.")
    @APIResponse(responseCode = "200", description = "The key's value.",
            headers = @Header(name = "Cache-Control", description = "no-store: the answer holds a secret.",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JsonObject.class,
                    requiredProperties = "provisioningKey", properties = @SchemaProperty(name = "provisioningKey", type = SchemaType.STRING,
                    description = "The key's value, 1|<host>|mpk_<keyId>_<secret>."))))
    @Consumes(MediaType.WILDCARD)
    public Response reveal(@PathParam("id") long id) {
        recentSignIn.require();
        JsonObject body = JSON.createObjectBuilder().add("provisioningKey", keys.reveal(id, ValueAccess.REVEAL)).build();
        return Response.ok(body).cacheControl(noStore()).build();
    }

    @GET
    @Path("{id: [0-9]+}/download")
    @Operation(operationId = "downloadProvisioningKey", summary = "Download a provisioning key's value as a file",
            description = "ADMINISTRATOR only, for exportable keys (else 409 key.not.exportable): <name>.txt holding the value and a newline, "
                    + "sent with Cache-Control: no-store. Audited. A browser session (not a token) whose password was typed more than 5 "
                    + "minutes ago gets 403 step_up_required.")
    @APIResponse(responseCode = "200", description = "The file.", headers = {
            @Header(name = "Content-Disposition", description = "attachment; filename=\"<name>.txt\"", schema = @Schema(type = SchemaType.STRING)),
            @Header(name = "Cache-Control", description = "no-store: the answer holds a secret.", schema = @Schema(type = SchemaType.STRING))},
            content = @Content(mediaType = MediaType.TEXT_PLAIN, schema = @Schema(implementation = String.class)))
    @APIResponse(responseCode = "409", description = "The key is not exportable: its value was shown once, at creation.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = KeygateOpenApi.ERROR_SCHEMA)))
    @Produces(MediaType.TEXT_PLAIN)
    public Response download(@PathParam("id") long id) {
        recentSignIn.require();
        String name = keys.get(id).name();
        byte[] file = (keys.reveal(id, ValueAccess.DOWNLOAD) + "\n").getBytes(StandardCharsets.UTF_8);
        return Response.ok(file, MediaType.TEXT_PLAIN + ";charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + ".txt\"")
                .cacheControl(noStore())
                .build();
    }

    /** 201 with the new key, its value this once, and where the key lives from now on. */
    private static Response createdResponse(CreatedProvisioningKey created, UriInfo uri) {
        JsonObject summary = JSON.createReader(new StringReader(StrictJson.JSONB.toJson(created.key()))).readObject();
        JsonObject body = JSON.createObjectBuilder(summary).add("provisioningKey", created.provisioningKey()).build();
        return Response.created(uri.getBaseUriBuilder().path(ProvisioningKeyResource.class).path(String.valueOf(created.key().id())).build())
                .cacheControl(noStore()).entity(body).build();
    }

    private static CacheControl noStore() {
        CacheControl cacheControl = new CacheControl();
        cacheControl.setNoStore(true);
        cacheControl.setNoCache(true);
        return cacheControl;
    }
}
