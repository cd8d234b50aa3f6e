package io.keygate.web.api;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.Paths;
import org.eclipse.microprofile.openapi.models.examples.Example;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * The last touch to the generated OpenAPI document (R5). What every operation shares is written here once rather than
 * on each resource method: the error body ({@code {id, reason, params}}, R3) and the refusals each kind of operation
 * can meet, with an example each; the paging parameters of the lists. JAX-RS path templates carry regular expressions
 * ({@code {id: [0-9]+}}), which OpenAPI path templating does not allow, so they become plain {@code {id}}.
 */
public class KeygateOpenApi implements OASFilter {

    static final String ERROR_SCHEMA = "Error";
    private static final String ENROLLMENT_PATH = "/api/v1/enrollments";
    /** Where the records of the API's bodies live: the doc-only pages, then each business module's api package. */
    private static final List<String> RECORD_PACKAGES = List.of("io.keygate.web.api.ApiPages$", "io.keygate.accounts.api.", "io.keygate.audit.api.",
            "io.keygate.certificates.api.", "io.keygate.groups.api.", "io.keygate.keys.api.", "io.keygate.preferences.api.",
            "io.keygate.tokens.api.", "io.keygate.export.api.");
    private static final Pattern REGEX_PARAMETER = Pattern.compile("\\{\\s*(\\w+)\\s*:[^}]*}");

    /** Each refusal: the name of its shared response, when an operation meets it, and an example body. */
    private enum Refusal {
        BAD_REQUEST("400", "BadRequest", "The request is malformed or a value is not allowed; the body names the field.",
                "name_invalid", "The name may hold letters, digits, '.', '_' and '-' only.", "name"),
        UNAUTHORIZED("401", "Unauthorized", "No API token, or one that is unknown, revoked or expired (for an enrollment: the key is not valid).",
                "not_authenticated", "Authenticate with an API token (Authorization: Bearer kgt_...).", null),
        FORBIDDEN("403", "Forbidden", "The caller's role or source address does not allow this.",
                "read_only", "A READ_ONLY admin cannot change anything.", null),
        NOT_FOUND("404", "NotFound", "No such object in the caller's organisation.",
                "not_found", "No machine_group exists with id 42.", "machine_group"),
        CONFLICT("409", "Conflict", "The change collides with the current state: a duplicate name, a stale version, objects still in use.",
                "stale_version", "Someone else changed this machine group since you read it.", "machine_group"),
        PRECONDITION_FAILED("412", "PreconditionFailed", "If-Match names a version that is no longer the current one; nothing changed.",
                "stale_version", "Someone else changed this machine group since you read it.", "machine_group"),
        NOT_ACCEPTABLE("406", "NotAcceptable", "The Accept header allows none of the media types this operation answers with.",
                "not_acceptable", "This resource cannot answer with a media type the Accept header allows.", null),
        UNSUPPORTED_MEDIA_TYPE("415", "UnsupportedMediaType", "The body is not application/json.",
                "unsupported_media_type", "Send the request body as application/json.", null),
        PAYLOAD_TOO_LARGE("413", "PayloadTooLarge", "The body is larger than the endpoint reads.",
                "body_too_large", "The request body is larger than 65536 bytes.", null),
        TOO_MANY_REQUESTS("429", "TooManyRequests", "Too many requests from this token or address in a minute; wait Retry-After seconds.",
                "rate_limited", "Too many requests for this token in a minute; try again in 37 seconds.", "token"),
        INTERNAL_ERROR("500", "InternalError", "A fault on the server; the body names the request id, never a stack trace.",
                "internal_error", "Something went wrong on the server. Quote request id 0b7c... when reporting it.", null);

        final String status;
        final String name;
        final String description;
        final String exampleId;
        final String exampleReason;
        final String exampleParam;

        Refusal(String status, String name, String description, String exampleId, String exampleReason, String exampleParam) {
            this.status = status;
            this.name = name;
            this.description = description;
            this.exampleId = exampleId;
            this.exampleReason = exampleReason;
            this.exampleParam = exampleParam;
        }
    }

    /**
     * The annotation scanner writes out the annotation's unset attributes as if they were constraints ("maxProperties":
     * 0, "minItems": 2147483647, "multipleOf": 0): each is dropped, so a schema says only what was meant.
     */
    @Override
    public Schema filterSchema(Schema schema) {
        if (schema.getMultipleOf() != null && schema.getMultipleOf().signum() == 0) {
            schema.setMultipleOf(null);
        }
        if (Integer.valueOf(Integer.MAX_VALUE).equals(schema.getMaxLength())) {
            schema.setMaxLength(null);
        }
        if (Integer.valueOf(0).equals(schema.getMinLength())) {
            schema.setMinLength(null);
        }
        if (schema.getMaxItems() != null && (schema.getMaxItems() < 0 || schema.getMaxItems() == Integer.MAX_VALUE)) {
            schema.setMaxItems(null);
        }
        if (schema.getMinItems() != null && (schema.getMinItems() == Integer.MAX_VALUE || schema.getMinItems() <= 0)) {
            schema.setMinItems(null);
        }
        if (Integer.valueOf(0).equals(schema.getMaxProperties())) {
            schema.setMaxProperties(null);
        }
        if (Integer.valueOf(0).equals(schema.getMinProperties())) {
            schema.setMinProperties(null);
        }
        if (Boolean.FALSE.equals(schema.getExclusiveMaximum())) {
            schema.setExclusiveMaximum(null);
        }
        if (Boolean.FALSE.equals(schema.getExclusiveMinimum())) {
            schema.setExclusiveMinimum(null);
        }
        if (Boolean.FALSE.equals(schema.getUniqueItems())) {
            schema.setUniqueItems(null);
        }
        if (Boolean.FALSE.equals(schema.getNullable())) {
            schema.setNullable(null);
        }
        if (Boolean.FALSE.equals(schema.getReadOnly())) {
            schema.setReadOnly(null);
        }
        if (Boolean.FALSE.equals(schema.getWriteOnly())) {
            schema.setWriteOnly(null);
        }
        if (Boolean.FALSE.equals(schema.getDeprecated())) {
            schema.setDeprecated(null);
        }
        return schema;
    }

    /** An example written as JSON text in an annotation is served as that JSON, not as a string holding it. */
    @Override
    public RequestBody filterRequestBody(RequestBody body) {
        if (body.getContent() != null && body.getContent().getMediaTypes() != null) {
            body.getContent().getMediaTypes().values().forEach(KeygateOpenApi::parseExamples);
        }
        return body;
    }

    private static void parseExamples(MediaType media) {
        if (media.getExamples() == null) {
            return;
        }
        media.getExamples().values().forEach(example -> {
            if (example.getValue() instanceof String text && (text.startsWith("{") || text.startsWith("["))) {
                try (JsonReader reader = Json.createReader(new StringReader(text))) {
                    example.setValue(plain(reader.readValue()));
                }
            }
        });
    }

    private static Object plain(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                value.asJsonObject().forEach((key, member) -> object.put(key, plain(member)));
                yield object;
            }
            case ARRAY -> value.asJsonArray().stream().map(KeygateOpenApi::plain).toList();
            case STRING -> ((JsonString) value).getString();
            case NUMBER -> ((JsonNumber) value).isIntegral() ? (Object) ((JsonNumber) value).longValue() : ((JsonNumber) value).bigDecimalValue();
            case TRUE -> true;
            case FALSE -> false;
            case NULL -> null;
        };
    }

    @Override
    public Parameter filterParameter(Parameter parameter) {
        if (parameter.getIn() != Parameter.In.QUERY) {
            return parameter;
        }
        switch (parameter.getName()) {
            case "page" -> parameter.description("The page to return, from 1.")
                    .schema(OASFactory.createSchema().type(Schema.SchemaType.INTEGER).minimum(BigDecimal.ONE).defaultValue(1));
            case "pageSize" -> parameter.description("Rows per page.")
                    .schema(OASFactory.createSchema().type(Schema.SchemaType.INTEGER).minimum(BigDecimal.ONE)
                            .maximum(BigDecimal.valueOf(500)).defaultValue(20));
            case "sort" -> parameter.description("Fields to sort by, comma-separated; a leading '-' sorts descending, e.g. -createdAt,name.")
                    .schema(OASFactory.createSchema().type(Schema.SchemaType.STRING));
            default -> {
            }
        }
        return parameter;
    }

    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        openApi.setOpenapi("3.0.3");
        Paths paths = openApi.getPaths();
        if (paths == null || paths.getPathItems() == null) {
            return;
        }
        Map<String, PathItem> items = new LinkedHashMap<>(paths.getPathItems());
        items.forEach((path, item) -> {
            String plain = REGEX_PARAMETER.matcher(path).replaceAll("{$1}");
            if (!plain.equals(path)) {
                paths.removePathItem(path);
                paths.addPathItem(plain, item);
            }
        });
        Components components = openApi.getComponents() == null ? OASFactory.createComponents() : openApi.getComponents();
        openApi.setComponents(components);
        components.addSchema(ERROR_SCHEMA, errorSchema());
        for (Refusal refusal : Refusal.values()) {
            components.addResponse(refusal.name, response(refusal));
        }
        Map<String, Schema> records = new LinkedHashMap<>();
        if (components.getSchemas() != null) {
            components.getSchemas().forEach((name, schema) -> recordNamed(name).ifPresent(type -> records.put(name, schema)));
        }
        paths.getPathItems().forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
            addRefusals(path, method, operation);
            referToRecords(operation, records);
        }));
        // after the answers were matched with the records as generated
        Set<String> requestBodies = requestBodyRecords(paths);
        records.forEach((name, schema) -> describeRecord(schema, recordNamed(name).orElseThrow(), !requestBodies.contains(name)));
        paths.getPathItems().forEach((path, item) -> {
            if (path.endsWith("/export") && item.getGET() != null) {
                describeExport(item.getGET(), paths.getPathItem(path.substring(0, path.length() - "/export".length())));
            }
        });
    }

    /** A table's file takes the list's filters and sort, and its own format, columns and byte-order mark (X1). */
    private static void describeExport(Operation export, PathItem list) {
        Schema text = OASFactory.createSchema().type(Schema.SchemaType.STRING);
        export.addParameter(OASFactory.createParameter().name("format").in(Parameter.In.QUERY).description("csv (the default), xlsx or json.")
                .schema(OASFactory.createSchema().type(Schema.SchemaType.STRING).enumeration(List.of("csv", "xlsx", "json"))));
        export.addParameter(OASFactory.createParameter().name("columns").in(Parameter.In.QUERY)
                .description("The columns, comma-separated, in order; all of the table's by default.").schema(text));
        export.addParameter(OASFactory.createParameter().name("bom").in(Parameter.In.QUERY)
                .description("true: a UTF-8 byte-order mark at the start of a CSV, for spreadsheet programs that need it.")
                .schema(OASFactory.createSchema().type(Schema.SchemaType.BOOLEAN)));
        APIResponse file = export.getResponses() == null ? null : export.getResponses().getAPIResponse("200");
        if (file != null && file.getContent() != null && file.getContent().getMediaType(ExportResponses.JSON) != null) {
            file.getContent().getMediaType(ExportResponses.JSON).schema(OASFactory.createSchema().type(Schema.SchemaType.ARRAY)
                    .description("One object per row, keyed by the columns' field names.")
                    .items(OASFactory.createSchema().type(Schema.SchemaType.OBJECT)));
        }
        if (list != null && list.getGET() != null && list.getGET().getParameters() != null) {
            list.getGET().getParameters().stream()
                    .filter(parameter -> parameter.getIn() == Parameter.In.QUERY && !parameter.getName().equals("page") && !parameter.getName().equals("pageSize"))
                    .forEach(export::addParameter);
        }
    }

    private static void addRefusals(String path, PathItem.HttpMethod method, Operation operation) {
        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses() : operation.getResponses();
        operation.setResponses(responses);
        boolean enrollment = path.equals(ENROLLMENT_PATH);
        boolean export = path.endsWith("/export");
        boolean conditional = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(parameter -> Preconditions.IF_MATCH.equalsIgnoreCase(parameter.getName()));
        add(responses, Refusal.BAD_REQUEST);
        add(responses, Refusal.UNAUTHORIZED);
        add(responses, Refusal.FORBIDDEN);
        // an object by id, or the one running export, may not be there
        if (path.contains("{") || path.endsWith("/current")) {
            add(responses, Refusal.NOT_FOUND);
        }
        // a change collides with the current state; an export with the caller's export already running
        if (method != PathItem.HttpMethod.GET || export) {
            add(responses, Refusal.CONFLICT);
        }
        if (conditional) {
            add(responses, Refusal.PRECONDITION_FAILED);
        }
        if (enrollment) {
            add(responses, Refusal.PAYLOAD_TOO_LARGE);
        }
        if (answersNoJson(responses)) {
            add(responses, Refusal.NOT_ACCEPTABLE);
        }
        if (readsGivenMediaTypesOnly(operation)) {
            add(responses, Refusal.UNSUPPORTED_MEDIA_TYPE);
        }
        add(responses, Refusal.TOO_MANY_REQUESTS);
        add(responses, Refusal.INTERNAL_ERROR);
        // E1: a machine already enrolled with a key that allows it gets a new certificate, the same body, with 200
        if (enrollment && responses.hasAPIResponse("201") && !responses.hasAPIResponse("200")) {
            APIResponse created = responses.getAPIResponse("201");
            responses.addAPIResponse("200", OASFactory.createAPIResponse().content(created.getContent())
                    .description("Re-enrolled: the machine was enrolled with this key before and got a new certificate (reEnrolled is true)."));
        }
    }

    /** The records that are request bodies: their primitive fields may be left out, so they are not required. */
    private static Set<String> requestBodyRecords(Paths paths) {
        Set<String> names = new HashSet<>();
        paths.getPathItems().values().forEach(item -> item.getOperations().values().stream()
                .filter(operation -> operation.getRequestBody() != null && operation.getRequestBody().getContent() != null
                        && operation.getRequestBody().getContent().getMediaTypes() != null)
                .flatMap(operation -> operation.getRequestBody().getContent().getMediaTypes().values().stream())
                .filter(media -> media.getSchema() != null && media.getSchema().getRef() != null)
                .forEach(media -> names.add(media.getSchema().getRef().substring(media.getSchema().getRef().lastIndexOf('/') + 1))));
        return names;
    }

    /** The record a component schema was generated from: its simple name in Keygate's api packages. */
    private static Optional<Class<?>> recordNamed(String name) {
        for (String prefix : RECORD_PACKAGES) {
            try {
                Class<?> type = Class.forName(prefix + name, false, KeygateOpenApi.class.getClassLoader());
                if (type.isRecord()) {
                    return Optional.of(type);
                }
            } catch (ClassNotFoundException notThere) {
                // the next package may have it
            }
        }
        return Optional.empty();
    }

    /**
     * The API's JSON-B writes every field, null ones as null ({@link StrictJson}): an answer has every component
     * (required), and each one that is not primitive may be null (nullable). A request may leave any field out. An
     * instant is written inline, as OpenAPI 3.0 ignores nullable next to a $ref.
     */
    private static void describeRecord(Schema schema, Class<?> type, boolean answered) {
        if (schema.getProperties() == null) {
            return;
        }
        List<String> required = new ArrayList<>(schema.getRequired() == null ? List.of() : schema.getRequired());
        for (RecordComponent component : type.getRecordComponents()) {
            Schema property = schema.getProperties().get(component.getName());
            if (property == null) {
                continue;
            }
            boolean declaredRequired = required.contains(component.getName());
            // an answer has every field (StrictJson writes nulls); a request may leave any out
            if (answered && !declaredRequired) {
                required.add(component.getName());
            }
            if (component.getType().isPrimitive() || declaredRequired) {
                continue;
            }
            if (component.getType() == Instant.class) {
                schema.addProperty(component.getName(), OASFactory.createSchema().type(Schema.SchemaType.STRING).format("date-time")
                        .nullable(true).description(property.getDescription()));
            } else if (property.getRef() == null) {
                property.setNullable(true);
            }
        }
        schema.setRequired(required.isEmpty() ? null : required);
    }

    /**
     * An answer that is a record plus a field or two (a created key and its value) comes out of the scanner as a copy of
     * the record's properties: it becomes the record by reference, and only what it adds is written out.
     */
    private static void referToRecords(Operation operation, Map<String, Schema> records) {
        if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
            return;
        }
        operation.getResponses().getAPIResponses().values().stream()
                .filter(response -> response.getContent() != null && response.getContent().getMediaTypes() != null)
                .flatMap(response -> response.getContent().getMediaTypes().values().stream())
                .filter(media -> media.getSchema() != null && media.getSchema().getRef() == null && media.getSchema().getProperties() != null)
                .forEach(media -> {
                    Schema inline = media.getSchema();
                    // the largest record whose every property the answer has: a created key is a key, not a group's create request
                    records.entrySet().stream()
                            .filter(record -> record.getValue().getProperties() != null && record.getValue().getProperties().entrySet().stream()
                                    .allMatch(property -> sameShape(property.getValue(), inline.getProperties().get(property.getKey()))))
                            .max(Comparator.comparingInt(record -> record.getValue().getProperties().size()))
                            .ifPresent(record -> media.setSchema(recordPlus(record.getKey(), record.getValue(), inline)));
                });
    }

    /** The same type, reference and items: enough to tell the pages apart by their lists' items. */
    private static boolean sameShape(Schema recorded, Schema inline) {
        if (inline == null) {
            return false;
        }
        if (recorded == inline) {
            return true;
        }
        boolean items = recorded.getItems() == null ? inline.getItems() == null : sameShape(recorded.getItems(), inline.getItems());
        return items && Objects.equals(recorded.getType(), inline.getType()) && Objects.equals(recorded.getRef(), inline.getRef());
    }

    private static Schema recordPlus(String name, Schema record, Schema inline) {
        Schema reference = OASFactory.createSchema().ref("#/components/schemas/" + name);
        if (record.getProperties().keySet().containsAll(inline.getProperties().keySet())) {
            return reference;
        }
        Schema added = OASFactory.createSchema().type(Schema.SchemaType.OBJECT);
        inline.getProperties().forEach((property, value) -> {
            if (!record.getProperties().containsKey(property)) {
                added.addProperty(property, value);
            }
        });
        if (inline.getRequired() != null) {
            added.setRequired(inline.getRequired().stream().filter(property -> !record.getProperties().containsKey(property)).toList());
        }
        return OASFactory.createSchema().description(inline.getDescription()).allOf(List.of(reference, added));
    }

    /** A file (a PEM, a key's value) is refused with 406 to a client whose Accept header allows only JSON. */
    private static boolean answersNoJson(APIResponses responses) {
        return responses.getAPIResponses().entrySet().stream().filter(response -> response.getKey().startsWith("2"))
                .map(response -> response.getValue().getContent())
                .anyMatch(content -> content != null && content.getMediaTypes() != null && !content.getMediaTypes().isEmpty()
                        && content.getMediaTypes().keySet().stream().noneMatch(type -> type.startsWith(jakarta.ws.rs.core.MediaType.APPLICATION_JSON)
                                || type.equals(jakarta.ws.rs.core.MediaType.WILDCARD)));
    }

    /** A body JAX-RS refuses with 415 unless it is of the media types the operation names; one that reads any never answers 415. */
    private static boolean readsGivenMediaTypesOnly(Operation operation) {
        return operation.getRequestBody() != null && operation.getRequestBody().getContent() != null
                && operation.getRequestBody().getContent().getMediaTypes() != null
                && !operation.getRequestBody().getContent().getMediaTypes().containsKey(jakarta.ws.rs.core.MediaType.WILDCARD);
    }

    private static void add(APIResponses responses, Refusal refusal) {
        if (!responses.hasAPIResponse(refusal.status)) {
            responses.addAPIResponse(refusal.status, OASFactory.createAPIResponse().ref("#/components/responses/" + refusal.name));
        }
    }

    private static APIResponse response(Refusal refusal) {
        Example example = OASFactory.createExample().value(Map.of("id", refusal.exampleId, "reason", refusal.exampleReason,
                "params", refusal.exampleParam == null ? List.of() : List.of(refusal.exampleParam)));
        MediaType json = OASFactory.createMediaType().schema(OASFactory.createSchema().ref("#/components/schemas/" + ERROR_SCHEMA))
                .addExample(refusal.exampleId, example);
        APIResponse response = OASFactory.createAPIResponse().description(refusal.description)
                .content(OASFactory.createContent().addMediaType(jakarta.ws.rs.core.MediaType.APPLICATION_JSON, json));
        if (refusal == Refusal.TOO_MANY_REQUESTS) {
            response.addHeader("Retry-After", OASFactory.createHeader().description("Seconds until the next request is admitted.")
                    .schema(OASFactory.createSchema().type(Schema.SchemaType.INTEGER).minimum(BigDecimal.ONE)));
        }
        return response;
    }

    private static Schema errorSchema() {
        Schema text = OASFactory.createSchema().type(Schema.SchemaType.STRING);
        return OASFactory.createSchema().type(Schema.SchemaType.OBJECT)
                .description("Every refusal of the API (R3): a stable code, a sentence for people, and the values it names.")
                .addProperty("id", OASFactory.createSchema().type(Schema.SchemaType.STRING).description("A stable code, e.g. name_taken."))
                .addProperty("reason", OASFactory.createSchema().type(Schema.SchemaType.STRING).description("What went wrong, for people."))
                .addProperty("params", OASFactory.createSchema().type(Schema.SchemaType.ARRAY).items(text)
                        .description("The values the refusal names, e.g. the field."))
                .required(List.of("id", "reason", "params"))
                .additionalPropertiesBoolean(false);
    }
}
