package io.keygate.web.api;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.RecordComponent;

/** Gives every single resource that has a version its entity tag (R3): GET and PUT answers carry {@code ETag: "<version>"}. */
@Provider
public class EntityTagFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        boolean readOrWritten = HttpMethod.GET.equals(request.getMethod()) || HttpMethod.PUT.equals(request.getMethod());
        if (readOrWritten && response.getStatus() == 200 && response.getEntity() instanceof Record entity) {
            for (RecordComponent component : entity.getClass().getRecordComponents()) {
                if (component.getName().equals("version") && component.getType() == long.class) {
                    try {
                        response.getHeaders().putSingle("ETag", Preconditions.entityTag((long) component.getAccessor().invoke(entity)));
                    } catch (ReflectiveOperationException notReadable) {
                        throw new IllegalStateException("the version of " + entity.getClass().getName() + " is not readable", notReadable);
                    }
                }
            }
        }
    }
}
