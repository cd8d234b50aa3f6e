package io.keygate.web.api;

import io.keygate.platform.api.KeygateException;
import io.keygate.platform.api.RequestOrigin;
import jakarta.inject.Inject;
import jakarta.json.bind.JsonbException;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything else: JAX-RS's own refusals keep their status, unreadable JSON is a 400, and a real fault is
 * a 500 that names only the request id; the stack trace goes to the server log, never to the client.
 */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

    @Inject
    RequestOrigin origin;

    @Override
    public Response toResponse(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof KeygateException known) {
                return new KeygateExceptionMapper().toResponse(known);
            }
            if (cause instanceof JsonbException) {
                return body(Response.Status.BAD_REQUEST, "malformed_json",
                        "The request body is not valid JSON for this resource.", List.of());
            }
            if (cause instanceof OptimisticLockException) {
                return body(Response.Status.CONFLICT, "modified_concurrently",
                        "Someone else changed or deleted this object at the same moment. Reload it and try again.", List.of());
            }
            if (cause instanceof SQLException sql && ("23503".equals(sql.getSQLState()) || "23505".equals(sql.getSQLState()))) {
                return body(Response.Status.CONFLICT, "conflicting_change",
                        "A change made at the same moment conflicts with this one. Reload and try again.", List.of());
            }
        }
        if (error instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            return body(Response.Status.fromStatusCode(status), httpCode(status), reasonFor(status), List.of());
        }
        LOG.log(Level.SEVERE, "Unexpected failure of request " + origin.requestId(), error);
        return body(Response.Status.INTERNAL_SERVER_ERROR, "internal_error",
                "Something went wrong on the server. Quote request id " + origin.requestId() + " when reporting it.",
                List.of(origin.requestId()));
    }

    private static Response body(Response.Status status, String id, String reason, List<String> params) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorBody(id, reason, params)).build();
    }

    private static String httpCode(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 415 -> "unsupported_media_type";
            default -> "http_" + status;
        };
    }

    private static String reasonFor(int status) {
        return switch (status) {
            case 404 -> "There is no such resource.";
            case 405 -> "This resource does not support that method.";
            case 406 -> "This resource cannot answer with a media type the Accept header allows.";
            case 415 -> "Send the request body as application/json.";
            default -> "The request was refused (HTTP " + status + ").";
        };
    }
}
