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

/** The organisation's enrollment CAs; the PEM download carries the public certificate only. */
@Path("v1/signing-certificates")
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
    public PageBody<SigningCertificateSummary> list(@QueryParam("page") String page, @QueryParam("pageSize") String pageSize,
                                                    @QueryParam("sort") String sort, @Context UriInfo uri) {
        SigningCertificateFilter filter = SigningCertificateFilter.parse(uri.getQueryParameters(), ListParameters.PAGING);
        return PageBody.of(certificates.list(filter, ListParameters.pageRequest(page, pageSize, sort, SigningCertificateService.SORTABLE_FIELDS)));
    }

    /** The certificates table as a file (X1): like {@code /provisioning-keys/export}, with the certificates list's filters. */
    @GET
    @Path("export")
    @Produces(MediaType.WILDCARD)
    public Response export(@Context UriInfo uri) {
        return ExportResponses.of(exports.prepare(TableExports.CERTIFICATES, uri.getQueryParameters()));
    }

    @GET
    @Path("{id: [0-9]+}")
    public SigningCertificateSummary get(@PathParam("id") long id) {
        return certificates.get(id);
    }

    @POST
    public Response create(CreateSigningCertificate request, @Context UriInfo uri) {
        SigningCertificateSummary created = certificates.create(RequestBodies.required(request));
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(created.id())).build()).entity(created).build();
    }

    @DELETE
    @Path("{id: [0-9]+}")
    public Response delete(@PathParam("id") long id) {
        certificates.delete(id);
        return Response.noContent().build();
    }

    @GET
    @Path("{id: [0-9]+}/pem")
    @Produces(PEM)
    public Response pem(@PathParam("id") long id) {
        SigningCertificateSummary certificate = certificates.get(id);
        return Response.ok(certificates.pem(id), PEM)
                .header("Content-Disposition", "attachment; filename=\"" + certificate.name() + ".pem\"")
                .build();
    }
}
