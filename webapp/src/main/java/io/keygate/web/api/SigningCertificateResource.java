package io.keygate.web.api;

import io.keygate.certificates.api.CreateSigningCertificate;
import io.keygate.certificates.api.SigningCertificateFilter;
import io.keygate.certificates.api.SigningCertificateService;
import io.keygate.certificates.api.SigningCertificateSummary;
import io.keygate.web.exports.TableExports;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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

/** The organisation's enrollment CAs; the PEM download carries the public certificate only. */
@Path("v1/signing-certificates")
@Tag(name = "Signing certificates", description = "The organisation's enrollment CAs, which sign the machines' certificates; their private "
        + "keys never leave the server.")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SigningCertificateResource {

    static final String PEM = "application/x-pem-file";

    @Inject
    SigningCertificateService certificates;
    @Inject
    TableExports exports;

    @GET
    @Operation(operationId = "listSigningCertificates", summary = "List signing certificates",
            description = "A page of the organisation's signing certificates; the filters are the certificates table's chips. Sortable by name, "
                    + "type, validTo and createdAt. An unknown filter is refused (400).")
    @APIResponse(responseCode = "200", description = "A page of certificates.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiPages.SigningCertificatePage.class)))
    @Parameter(name = "name", in = ParameterIn.QUERY, description = "Part of the name, ignoring case.", schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "search", in = ParameterIn.QUERY, description = "Part of the name or description, ignoring case.",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(name = "type", in = ParameterIn.QUERY, description = "root or intermediate, ignoring case; repeatable.",
            schema = @Schema(type = SchemaType.ARRAY, implementation = String.class))
    public PageBody<SigningCertificateSummary> list(@QueryParam("page") String page, @QueryParam("pageSize") String pageSize,
                                                    @QueryParam("sort") String sort, @Context UriInfo uri) {
        SigningCertificateFilter filter = SigningCertificateFilter.parse(uri.getQueryParameters(), ListParameters.PAGING);
        return PageBody.of(certificates.list(filter, ListParameters.pageRequest(page, pageSize, sort, SigningCertificateService.SORTABLE_FIELDS)));
    }

    /** The certificates table as a file (X1): like {@code /provisioning-keys/export}, with the certificates list's filters. */
    @GET
    @Path("export")
    @Operation(operationId = "exportSigningCertificates", summary = "Export signing certificates as a file",
            description = "The certificates the list's filters match, as CSV (format=csv, the default), JSON or XLSX; one export per admin at a "
                    + "time. Audited.")
    @APIResponse(responseCode = "200", description = "The file, streamed.", content = {
            @Content(mediaType = ExportResponses.CSV), @Content(mediaType = ExportResponses.JSON), @Content(mediaType = ExportResponses.XLSX)})
    @Produces(MediaType.WILDCARD)
    public Response export(@Context UriInfo uri) {
        return ExportResponses.of(exports.prepare(TableExports.CERTIFICATES, uri.getQueryParameters()));
    }

    @GET
    @Path("{id: [0-9]+}")
    @Operation(operationId = "getSigningCertificate", summary = "Read a signing certificate")
    @APIResponse(responseCode = "200", description = "The certificate's public facts.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SigningCertificateSummary")))
    public SigningCertificateSummary get(@PathParam("id") long id) {
        return certificates.get(id);
    }

    @POST
    @Operation(operationId = "createSigningCertificate", summary = "Create a signing certificate",
            description = "ADMINISTRATOR only. A ROOT signs itself (no parentId); an INTERMEDIATE is signed by the root parentId names. The key "
                    + "pair is generated on the server, ECDSA_P256 unless keyAlgorithm says RSA_2048. Audited.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "CreateSigningCertificate"),
            examples = @ExampleObject(name = "intermediate", value = "{\"name\": \"Client-CA\", \"description\": \"Signs the web tier's machines\", "
                    + "\"type\": \"INTERMEDIATE\", \"parentId\": 1, \"keyAlgorithm\": \"ECDSA_P256\"}")))
    @APIResponse(responseCode = "201", description = "Created; Location names it.",
            headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "SigningCertificateSummary")))
    public Response create(CreateSigningCertificate request, @Context UriInfo uri) {
        SigningCertificateSummary created = certificates.create(RequestBodies.required(request));
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(created.id())).build()).entity(created).build();
    }

    @DELETE
    @Path("{id: [0-9]+}")
    @Operation(operationId = "deleteSigningCertificate", summary = "Delete a signing certificate",
            description = "ADMINISTRATOR only. Refused (409 certificate_in_use) while a provisioning key uses it or it signed another certificate. "
                    + "Audited.")
    @APIResponse(responseCode = "204", description = "Deleted.")
    public Response delete(@PathParam("id") long id) {
        certificates.delete(id);
        return Response.noContent().build();
    }

    @GET
    @Path("{id: [0-9]+}/pem")
    @Operation(operationId = "getSigningCertificatePem", summary = "Download a signing certificate as PEM",
            description = "The certificate only, never its private key, as the attachment <name>.pem.")
    @APIResponse(responseCode = "200", description = "The certificate in PEM.",
            headers = @Header(name = "Content-Disposition", description = "attachment; filename=\"<name>.pem\"",
                    schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = PEM, schema = @Schema(implementation = String.class)))
    @Produces(PEM)
    public Response pem(@PathParam("id") long id) {
        SigningCertificateSummary certificate = certificates.get(id);
        return Response.ok(certificates.pem(id), PEM)
                .header("Content-Disposition", "attachment; filename=\"" + certificate.name() + ".pem\"")
                .build();
    }
}
