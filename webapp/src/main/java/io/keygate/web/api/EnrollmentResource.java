package io.keygate.web.api;

import io.keygate.keys.api.Enrollment;
import io.keygate.keys.api.EnrollmentRequest;
import io.keygate.keys.api.EnrollmentService;
import io.keygate.platform.api.KeygateException;
import io.keygate.web.infrastructure.ClientAddresses;
import io.keygate.web.infrastructure.KeygateMetrics;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code POST /api/v1/enrollments} (E1): open to machines, which authenticate with the provisioning key in the body.
 * The body is read here, bounded and strictly, so that no payload, however malformed, reaches a parser that could
 * answer with a server error or echo it back.
 */
@SecurityRequirementsSet
@Path("v1/enrollments")
@Tag(name = "Enrollment", description = "For machines: no API token, the provisioning key in the body is the credential.")
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
    @Inject
    KeygateMetrics metrics;
    @Context
    HttpServletRequest http;

    @POST
    @Operation(operationId = "enroll", summary = "Enroll a machine",
            description = "Needs no API token: the provisioning key is the credential. hostname, fingerprint and csr (PKCS#10 in PEM, with an "
                    + "ECDSA P-256 or an RSA key of 2048 bits or more) are required, os is optional. A new machine is answered 201; a machine "
                    + "already enrolled with a key that allows re-enrollment gets a new certificate with 200 and reEnrolled true. Refusals carry "
                    + "the Error body: 400 for a missing or malformed field or CSR, 401 invalid_key until the key's secret matches, then 403 "
                    + "(key_disabled, key_expired, key_exhausted, ip_not_allowed, group_disabled) or 409 already_enrolled; 413 for a body over "
                    + "64 KiB; 429 with Retry-After after too many failures. Every success and refusal is audited. Over plain HTTP from "
                    + "another machine (no HTTPS, no trusted proxy saying it ended TLS) the request is refused with 403 https_required before "
                    + "the key is looked at.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
            requiredProperties = {"provisioningKey", "hostname", "fingerprint", "csr"}, properties = {
                @SchemaProperty(name = "provisioningKey", type = SchemaType.STRING, description = "The key's value as downloaded or copied."),
                @SchemaProperty(name = "hostname", type = SchemaType.STRING, maxLength = 64,
                        description = "The machine's name; its certificate's CN."),
                @SchemaProperty(name = "fingerprint", type = SchemaType.STRING, maxLength = 255,
                        description = "What identifies the machine across re-enrollments."),
                @SchemaProperty(name = "os", type = SchemaType.STRING, maxLength = 255, description = "The operating system, for the machines list."),
                @SchemaProperty(name = "csr", type = SchemaType.STRING, maxLength = 16384,
                        description = "The certificate signing request, PKCS#10 in PEM.")}),
            examples = @ExampleObject(name = "web-01", value = "{\"provisioningKey\": \"1|keygate.example.com|mpk_<keyId>_<secret>\", "
                    + "\"hostname\": \"web-01.example.com\", "
                    + "\"fingerprint\": \"sha256:3671e743ddc3bdbb88ac351167a4d030ab2790250aefbc70b6f542169fbdfc4a\", "
                    + "\"os\": \"Ubuntu 24.04 LTS\", \"csr\": \""
                    + "-----BEGIN CERTIFICATE REQUEST-----\\n"
                    + "MIHXMH8CAQAwHTEbMBkGA1UEAwwSd2ViLTAxLmV4YW1wbGUuY29tMFkwEwYHKoZI\\n"
                    + "zj0CAQYIKoZIzj0DAQcDQgAEkLjfzNRDCLm9yuh93vDmc9gT3Pm2urC+gacnI9fB\\n"
                    + "l0wzin5aDfOBgygc47EUHQVhIxyZLndJz+f4LZRZQp9eL6AAMAoGCCqGSM49BAMC\\n"
                    + "A0gAMEUCIGOo6nK0BM5EgmzwDyNwXbImqWTNXO0N/2AFsAj3/pruAiEAv/PMqt9V\\n"
                    + "QKqsa0yGBZulWclx3/amsXQAQ8dKUelW/sg=\\n"
                    + "-----END CERTIFICATE REQUEST-----\\n"
                    + "\"}")))
    @APIResponse(responseCode = "201", description = "Enrolled; Location names the machine.", headers = @Header(name = "Location",
            schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Enrollment.class,
                    requiredProperties = {"machineId", "machineGroupId", "machineGroup", "reEnrolled", "certificateSerial", "certificateChain"},
                    properties = {
                        @SchemaProperty(name = "machineId", type = SchemaType.INTEGER, format = "int64"),
                        @SchemaProperty(name = "machineGroupId", type = SchemaType.INTEGER, format = "int64"),
                        @SchemaProperty(name = "machineGroup", type = SchemaType.STRING, description = "The machine group's name."),
                        @SchemaProperty(name = "reEnrolled", type = SchemaType.BOOLEAN,
                                description = "True when an enrolled machine got a new certificate (answered 200)."),
                        @SchemaProperty(name = "certificateSerial", type = SchemaType.STRING,
                                description = "The new certificate's serial, hexadecimal."),
                        @SchemaProperty(name = "certificateChain", type = SchemaType.STRING,
                                description = "PEM: the machine's certificate, then the CAs up to the root.")})))
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
        Enrollment enrolled;
        try {
            enrolled = enrollments.enroll(new EnrollmentRequest(text(json, "provisioningKey"), text(json, "hostname"),
                    text(json, "fingerprint"), text(json, "os"), text(json, "csr"), source, Duration.ofDays(certificateDays)));
        } catch (KeygateException refused) {
            metrics.enrollmentFinished(refused.id());
            throw refused;
        }
        metrics.enrollmentFinished(enrolled.reEnrolled() ? "re_enrolled" : "enrolled");
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
        refuseUnreadable(source, "body_too_large");
        return Response.status(Response.Status.REQUEST_ENTITY_TOO_LARGE).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody("body_too_large", "The request body is larger than " + MAX_BODY_BYTES + " bytes.", List.of())).build();
    }

    private Response invalid(String source, String id, String field, String reason) {
        refuseUnreadable(source, id);
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody(id, reason, List.of(field))).build();
    }

    /** Counts and audits a request too large or malformed to read; beyond the address's limit, it is refused as rate limited. */
    private void refuseUnreadable(String source, String id) {
        try {
            enrollments.refuseUnreadable(source, id);
        } catch (KeygateException refused) {
            metrics.enrollmentFinished(refused.id());
            throw refused;
        }
        metrics.enrollmentFinished(id);
    }
}
