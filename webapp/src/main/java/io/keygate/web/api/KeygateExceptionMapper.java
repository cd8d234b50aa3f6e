package io.keygate.web.api;

import io.keygate.accounts.api.SignInThrottledException;
import io.keygate.keys.api.EnrollmentRefusedException;
import io.keygate.platform.api.ConflictException;
import io.keygate.platform.api.ForbiddenException;
import io.keygate.platform.api.InvalidInputException;
import io.keygate.platform.api.KeygateException;
import io.keygate.platform.api.NotFoundException;
import io.keygate.platform.api.UnauthenticatedException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Turns the modules' refusals into their HTTP status with an {id, reason, params} body. */
@Provider
public class KeygateExceptionMapper implements ExceptionMapper<KeygateException> {

    @Override
    public Response toResponse(KeygateException e) {
        Response.ResponseBuilder response = Response.status(statusOf(e)).type(MediaType.APPLICATION_JSON_TYPE).entity(ErrorBody.of(e));
        if (e instanceof EnrollmentRefusedException refused && refused.retryAfterSeconds() > 0) {
            response.header("Retry-After", refused.retryAfterSeconds());
        }
        if (e instanceof SignInThrottledException throttled) {
            response.header("Retry-After", throttled.retryAfterSeconds());
        }
        return response.build();
    }

    static Response.Status statusOf(KeygateException e) {
        if (e instanceof EnrollmentRefusedException refused) {
            return Response.Status.fromStatusCode(refused.status());
        } else if (e instanceof SignInThrottledException) {
            return Response.Status.TOO_MANY_REQUESTS;
        } else if (e instanceof InvalidInputException) {
            return Response.Status.BAD_REQUEST;
        } else if (e instanceof NotFoundException) {
            return Response.Status.NOT_FOUND;
        } else if (e instanceof PreconditionFailedException) {
            return Response.Status.PRECONDITION_FAILED;
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
