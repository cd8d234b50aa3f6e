package io.keygate.web.api;

import io.keygate.keys.api.EnrollmentRefusedException;
import io.keygate.platform.api.ConflictException;
import io.keygate.platform.api.ForbiddenException;
import io.keygate.platform.api.InvalidInputException;
import io.keygate.platform.api.KeygateException;
import io.keygate.platform.api.NotFoundException;
import io.keygate.platform.api.UnauthenticatedException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Turns the modules' refusals into their HTTP status with an {id, reason, params} body. */
@Provider
public class KeygateExceptionMapper implements ExceptionMapper<KeygateException> {

    @Context
    HttpHeaders headers;

    @Override
    public Response toResponse(KeygateException e) {
        // R3: a stale version named by If-Match is a failed precondition; named in the body, a conflict (as before tags)
        boolean failedPrecondition = e instanceof ConflictException && "stale_version".equals(e.id()) && headers != null
                && headers.getHeaderString(Preconditions.IF_MATCH) != null;
        Response.ResponseBuilder response = Response.status(failedPrecondition ? Response.Status.PRECONDITION_FAILED : statusOf(e)).type(MediaType.APPLICATION_JSON_TYPE).entity(ErrorBody.of(e));
        if (e instanceof EnrollmentRefusedException refused && refused.retryAfterSeconds() > 0) {
            response.header("Retry-After", refused.retryAfterSeconds());
        }
        return response.build();
    }

    static Response.Status statusOf(KeygateException e) {
        if (e instanceof EnrollmentRefusedException refused) {
            return Response.Status.fromStatusCode(refused.status());
        } else if (e instanceof InvalidInputException) {
            return Response.Status.BAD_REQUEST;
        } else if (e instanceof NotFoundException) {
            return Response.Status.NOT_FOUND;
        } else if (e instanceof ConflictException) {
            return Response.Status.CONFLICT;
        } else if (e instanceof ForbiddenException) {
            return Response.Status.FORBIDDEN;
        } else if (e instanceof UnauthenticatedException) {
            return Response.Status.UNAUTHORIZED;
        }
        return Response.Status.INTERNAL_SERVER_ERROR;
    }
}
