package io.keygate.web.api;

import io.keygate.accounts.api.AdminSummary;
import io.keygate.groups.api.MachineGroupSummary;
import io.keygate.keys.api.ProvisioningKeySummary;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Gives a single group, key or admin its entity tag (R3): GET and PUT answers carry {@code ETag: "<version>"}. Only
 * the resources whose PUT and DELETE honour {@code If-Match} get one, so a tag never promises a check that is not made.
 */
@Provider
public class EntityTagFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        boolean readOrWritten = HttpMethod.GET.equals(request.getMethod()) || HttpMethod.PUT.equals(request.getMethod());
        if (!readOrWritten || response.getStatus() != 200) {
            return;
        }
        Object entity = response.getEntity();
        Long version = entity instanceof MachineGroupSummary group ? Long.valueOf(group.version())
                : entity instanceof ProvisioningKeySummary key ? Long.valueOf(key.version())
                : entity instanceof AdminSummary admin ? Long.valueOf(admin.version()) : null;
        if (version != null) {
            response.getHeaders().putSingle("ETag", Preconditions.entityTag(version));
        }
    }
}
