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

/**
 * Provisioning keys. The value appears only in the create response and, for exportable keys, in the
 * explicit reveal and download answers (R4); those three are never cached.
 */
@Path("v1/provisioning-keys")
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

    /** Filters are the keys table's chips, by the names of {@link ProvisioningKeyFilter#PARAMETERS}; several values of one are alternatives. */
    @GET
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
    @Produces(MediaType.WILDCARD)
    public Response export(@Context UriInfo uri) {
        return ExportResponses.of(exports.prepare(TableExports.KEYS, uri.getQueryParameters()));
    }

    @GET
    @Path("{id: [0-9]+}")
    public ProvisioningKeySummary get(@PathParam("id") long id) {
        return keys.get(id);
    }

    @POST
    public Response create(CreateProvisioningKey request, @Context UriInfo uri) {
        return createdResponse(keys.create(RequestBodies.required(request)), uri);
    }

    /**
     * K12: a new key with the old one's settings. The JSON body ({@code name}, {@code keepOldValidUntil}) is
     * optional, so {@code curl -X POST .../rotate} rotates with the defaults.
     */
    @POST
    @Path("{id: [0-9]+}/rotate")
    @Consumes(MediaType.WILDCARD)
    public Response rotate(@PathParam("id") long id, String body, @Context UriInfo uri) {
        RotateProvisioningKey request = body == null || body.isBlank()
                ? new RotateProvisioningKey(null, null)
                : RequestBodies.required(StrictJson.JSONB.fromJson(body, RotateProvisioningKey.class));
        return createdResponse(keys.rotate(id, request), uri);
    }

    @PUT
    @Path("{id: [0-9]+}")
    public ProvisioningKeySummary update(@PathParam("id") long id, UpdateProvisioningKey request, @HeaderParam(Preconditions.IF_MATCH) String ifMatch) {
        UpdateProvisioningKey body = RequestBodies.required(request);
        UpdateProvisioningKey versioned = new UpdateProvisioningKey(body.name(), body.description(), body.signingCertificateId(), body.enabled(),
                body.exportable(), body.allowReEnrollment(), body.maxUsage(), body.expiresAt(), body.ipAllowList(), Preconditions.version(ifMatch, body.version()));
        return Preconditions.guarded(ifMatch, () -> keys.update(id, versioned));
    }

    @DELETE
    @Path("{id: [0-9]+}")
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
    @Consumes(MediaType.WILDCARD)
    public Response reveal(@PathParam("id") long id) {
        JsonObject body = JSON.createObjectBuilder().add("provisioningKey", keys.reveal(id, ValueAccess.REVEAL)).build();
        return Response.ok(body).cacheControl(noStore()).build();
    }

    @GET
    @Path("{id: [0-9]+}/download")
    @Produces(MediaType.TEXT_PLAIN)
    public Response download(@PathParam("id") long id) {
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
