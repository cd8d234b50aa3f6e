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

/** The caller's own layout of a table (T5): the same one every browser of theirs shows. DELETE resets it. */
@Path("v1/table-layouts/{table}")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TableLayoutResource {

    @Inject
    TableLayoutService layouts;

    @GET
    public TableLayout get(@PathParam("table") String table) {
        return layouts.get(table);
    }

    @PUT
    public TableLayout save(@PathParam("table") String table, SaveTableLayout layout) {
        return layouts.save(table, RequestBodies.required(layout));
    }

    @DELETE
    public TableLayout reset(@PathParam("table") String table) {
        return layouts.reset(table);
    }
}
