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

/**
 * The caller's own saved filters (T4, T9). The API has no browser session, so it keeps filters in the
 * admin's preferences only; a filter saved for a browser session is not visible here.
 */
@Path("v1/saved-filters")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SavedFilterResource {

    private static final String NO_SESSION = null;

    @Inject
    SavedFilterService filters;

    /** All of the caller's filters of one table (at most {@value SavedFilterService#MAX_PER_TABLE}), in the shape of every list. */
    @GET
    public PageBody<SavedFilter> list(@QueryParam("table") String table) {
        List<SavedFilter> list = filters.list(table, NO_SESSION);
        return PageBody.of(new Page<>(list, 1, SavedFilterService.MAX_PER_TABLE, list.size()));
    }

    @GET
    @Path("{id: [0-9]+}")
    public SavedFilter get(@PathParam("id") long id) {
        return filters.get(id, NO_SESSION);
    }

    @POST
    public Response create(SaveFilter request, @Context UriInfo uri) {
        SavedFilter created = filters.create(RequestBodies.required(request), NO_SESSION);
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(created.id())).build()).entity(created).build();
    }

    @PUT
    @Path("{id: [0-9]+}")
    public SavedFilter update(@PathParam("id") long id, UpdateSavedFilter request) {
        return filters.update(id, RequestBodies.required(request), NO_SESSION);
    }

    @DELETE
    @Path("{id: [0-9]+}")
    public Response delete(@PathParam("id") long id) {
        filters.delete(id, NO_SESSION);
        return Response.noContent().build();
    }
}
