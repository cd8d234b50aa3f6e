package io.keygate.web.api;

import io.keygate.keys.api.Enrollment;
import io.keygate.keys.api.EnrollmentRequest;
import io.keygate.keys.api.EnrollmentService;
import io.keygate.web.infrastructure.ClientAddresses;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;

/**
 * {@code POST /api/v1/enrollments} (E1): open to machines, which authenticate with the provisioning key in the body.
 * The body is read here, bounded and strictly, so that no payload, however malformed, reaches a parser that could
 * answer with a server error or echo it back.
 */
@SecurityRequirementsSet
@Path("v1/enrollments")
@RequestScoped
public class EnrollmentResource {

    /** Looked up once: {@code Json.create…} searches the class path for a provider on every call (a lock held per request). */
    private static final JsonProvider JSON = JsonProvider.provider();

    static final int MAX_BODY_BYTES = 64 * 1024;
    /** An oversized body is read and dropped up to this size before the 413; a larger one is not read at all. */
    static final long DRAINED_BYTES = 1024 * 1024;
    private static final List<String> FIELDS = List.of("provisioningKey", "hostname", "fingerprint", "os", "csr");

    @Inject
    EnrollmentService enrollments;
    @Inject
    @ConfigProperty(name = "keygate.enrollment.certificate.days", defaultValue = "365")
    int certificateDays;
    @Inject
    ClientAddresses addresses;
    @Context
    HttpServletRequest http;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response enroll(InputStream body, @Context UriInfo uri) {
        String source = addresses.of(http);
        if (http.getContentLengthLong() > DRAINED_BYTES) {
            return tooLarge(source);
        }
        byte[] bytes;
        try {
            bytes = body.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                // read the rest (up to a bound) so the client, still sending, gets the answer and not a reset connection
                body.skipNBytes(Math.min(Math.max(0, http.getContentLengthLong() - bytes.length), DRAINED_BYTES));
                return tooLarge(source);
            }
        } catch (IOException e) {
            return invalid(source, "body_unreadable", "body", "The request body could not be read.");
        }
        JsonObject json;
        try {
            json = parse(bytes);
        } catch (CharacterCodingException e) {
            return invalid(source, "body_invalid", "body", "The request body is not UTF-8.");
        } catch (JsonException | IllegalStateException | ClassCastException e) {
            return invalid(source, "body_invalid", "body", "The request body must be a JSON object with provisioningKey, hostname, fingerprint, os and csr.");
        }
        for (String field : FIELDS) {
            JsonValue value = json.get(field);
            if (value != null && value.getValueType() != JsonValue.ValueType.STRING && value.getValueType() != JsonValue.ValueType.NULL) {
                return invalid(source, field + "_invalid", field, "The " + field + " must be a string.");
            }
        }
        Enrollment enrolled = enrollments.enroll(new EnrollmentRequest(text(json, "provisioningKey"), text(json, "hostname"),
                text(json, "fingerprint"), text(json, "os"), text(json, "csr"), source, Duration.ofDays(certificateDays)));
        JsonObject answer = JSON.createObjectBuilder()
                .add("machineId", enrolled.machineId())
                .add("machineGroupId", enrolled.machineGroupId())
                .add("machineGroup", enrolled.machineGroup())
                .add("reEnrolled", enrolled.reEnrolled())
                .add("certificateSerial", enrolled.certificateSerial())
                .add("certificateChain", enrolled.certificateChain())
                .build();
        return Response.status(enrolled.reEnrolled() ? Response.Status.OK : Response.Status.CREATED)
                .location(uri.getBaseUriBuilder().path("v1/machines").path(String.valueOf(enrolled.machineId())).build())
                .type(MediaType.APPLICATION_JSON_TYPE).entity(answer.toString()).build();
    }

    private static JsonObject parse(byte[] bytes) throws CharacterCodingException {
        String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    private static String text(JsonObject json, String field) {
        JsonValue value = json.get(field);
        return value instanceof JsonString string ? string.getString() : null;
    }

    private Response tooLarge(String source) {
        enrollments.refuseUnreadable(source, "body_too_large");
        return Response.status(Response.Status.REQUEST_ENTITY_TOO_LARGE).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody("body_too_large", "The request body is larger than " + MAX_BODY_BYTES + " bytes.", List.of())).build();
    }

    private Response invalid(String source, String id, String field, String reason) {
        enrollments.refuseUnreadable(source, id);
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(id, reason, List.of(field))).build();
    }
}
