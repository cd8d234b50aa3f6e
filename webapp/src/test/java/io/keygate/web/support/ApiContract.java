package io.keygate.web.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Holds every answer the API tests receive to the server's own OpenAPI document (issue 7): the status must be one the
 * operation documents, the media type one it documents for that status, and a JSON body must validate against the
 * documented schema. A mismatch fails the test that received the answer. Requests to addresses the document does not
 * name (the tests of unknown addresses) are not checked. What was checked is written to
 * {@code target/api-contract.txt} when the test JVM ends.
 */
public final class ApiContract {

    /** The document's name inside the validator: a URN, so a reference it cannot resolve is an error, never a download. */
    private static final String DOCUMENT_IRI = "urn:keygate:openapi";
    private static final Pattern SECRET = Pattern.compile("\\b(mpk|kgt)_([0-9A-Za-z]+)_[0-9A-Za-z]+");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Map<String, Document> DOCUMENTS = new ConcurrentHashMap<>();
    private static final Set<String> CHECKED = ConcurrentHashMap.newKeySet();
    private static final AtomicLong ANSWERS = new AtomicLong();
    private static final Path REPORT = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target", "api-contract.txt");

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ApiContract::writeReport));
    }

    private ApiContract() {
    }

    /** Checks one answer; throws AssertionError naming the operation, the status and what does not match. */
    public static void check(HttpRequest request, int status, HttpHeaders headers, byte[] body) {
        URI uri = request.uri();
        if (!uri.getPath().startsWith("/api/")) {
            return;
        }
        Document document = DOCUMENTS.computeIfAbsent(uri.getScheme() + "://" + uri.getAuthority() + "/", Document::fetch);
        document.check(request.method().toLowerCase(Locale.ROOT), uri.getPath(), status, headers, body);
    }

    /** The same check against a given document, for the unit test of this class. */
    static void check(String documentJson, String method, String path, int status, String contentType, String body) {
        Document document = Document.of(documentJson);
        HttpHeaders headers = HttpHeaders.of(contentType == null ? Map.of() : Map.of("Content-Type", List.of(contentType)), (name, value) -> true);
        document.check(method, path, status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeReport() {
        if (CHECKED.isEmpty()) {
            return;
        }
        TreeSet<String> documented = new TreeSet<>();
        DOCUMENTS.values().forEach(document -> documented.addAll(document.operations()));
        TreeSet<String> exercised = CHECKED.stream().map(line -> line.substring(0, line.lastIndexOf(' '))).collect(Collectors.toCollection(TreeSet::new));
        TreeSet<String> never = new TreeSet<>(documented);
        never.removeAll(exercised);
        StringBuilder report = new StringBuilder("API contract: " + ANSWERS.get() + " answers validated against the OpenAPI document; "
                + exercised.size() + " of " + documented.size() + " documented operations answered, " + CHECKED.size()
                + " operation-status pairs.\n\nOperations no test called:\n");
        never.forEach(operation -> report.append("  ").append(operation).append('\n'));
        report.append("\nOperation and status pairs checked:\n");
        new TreeSet<>(CHECKED).forEach(pair -> report.append("  ").append(pair).append('\n'));
        try {
            Files.createDirectories(REPORT.getParent());
            Files.writeString(REPORT, report.toString(), StandardCharsets.UTF_8);
        } catch (IOException notWritten) {
            System.err.println("api contract report not written: " + notWritten);
        }
    }

    private record Template(String path, Pattern pattern, int literalSegments) {

        static Template of(String path) {
            String regex = Pattern.compile("\\{[^}]+}").splitAsStream(path).map(Pattern::quote).collect(Collectors.joining("[^/]+"));
            if (path.endsWith("}")) {
                regex += "[^/]+";
            }
            int literal = (int) java.util.Arrays.stream(path.split("/")).filter(segment -> !segment.startsWith("{")).count();
            return new Template(path, Pattern.compile(regex), literal);
        }
    }

    private record Document(JsonNode root, SchemaRegistry schemas, List<Template> templates) {

        static Document fetch(String base) {
            try {
                HttpResponse<String> served = HTTP.send(HttpRequest.newBuilder(URI.create(base + "openapi?format=json"))
                        .header("Accept", "application/json").timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
                if (served.statusCode() != 200) {
                    throw new AssertionError("The OpenAPI document is not served: " + served.statusCode());
                }
                return of(served.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        static Document of(String text) {
            try {
                JsonNode root = JSON.readTree(text);
                SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30(), builder -> builder.schemas(Map.of(DOCUMENT_IRI, text)));
                List<Template> templates = new ArrayList<>();
                root.path("paths").fieldNames().forEachRemaining(path -> templates.add(Template.of(path)));
                // a literal segment wins over a parameter: /machine-groups/export is not /machine-groups/{id}
                templates.sort(Comparator.comparingInt(Template::literalSegments).reversed());
                return new Document(root, schemas, templates);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Set<String> operations() {
            Set<String> operations = new TreeSet<>();
            root.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
                if (Set.of("get", "put", "post", "delete", "patch").contains(method)) {
                    operations.add(method + " " + path.getKey());
                }
            }));
            return operations;
        }

        void check(String method, String path, int status, HttpHeaders headers, byte[] body) {
            Optional<Template> template = templates.stream()
                    .filter(candidate -> candidate.pattern().matcher(path).matches() && root.path("paths").path(candidate.path()).has(method))
                    .findFirst();
            if (template.isEmpty()) {
                return;
            }
            String operation = method + " " + template.get().path();
            String pointer = "/paths/" + escape(template.get().path()) + "/" + method + "/responses/" + status;
            JsonNode response = root.at(pointer);
            if (response.isMissingNode()) {
                throw new AssertionError(operation + " answered " + status + ", which the OpenAPI document does not list for it; body: " + text(body));
            }
            if (response.has("$ref")) {
                pointer = response.get("$ref").asText().substring(1);
                response = root.at(pointer);
            }
            String mediaType = headers.firstValue("Content-Type").map(value -> value.split(";")[0].strip().toLowerCase(Locale.ROOT)).orElse("");
            JsonNode content = response.path("content");
            if (body.length == 0 && mediaType.isEmpty()) {
                if (!content.isMissingNode() && content.size() > 0 && status != 304) {
                    throw new AssertionError(operation + " answered " + status + " without a body; the document promises " + content.fieldNames().next());
                }
                record(operation, status);
                return;
            }
            if (content.isMissingNode() || content.size() == 0) {
                throw new AssertionError(operation + " answered " + status + " with a " + mediaType + " body; the document promises none");
            }
            String documentedType = documentedMediaType(content, mediaType);
            if (documentedType == null) {
                throw new AssertionError(operation + " answered " + status + " as " + mediaType + "; the document names " + names(content.fieldNames()));
            }
            if (mediaType.equals("application/json") && content.path(documentedType).has("schema")) {
                Schema schema = schemas.getSchema(SchemaLocation.of(DOCUMENT_IRI + "#" + pointer + "/content/" + escape(documentedType) + "/schema"));
                List<Error> errors = schema.validate(new String(body, StandardCharsets.UTF_8), InputFormat.JSON);
                if (!errors.isEmpty()) {
                    throw new AssertionError(operation + " answered " + status + " with a body the OpenAPI schema refuses: "
                            + errors.stream().map(Error::toString).limit(10).toList() + "; body: " + text(body));
                }
            }
            record(operation, status);
        }

        private static String documentedMediaType(JsonNode content, String mediaType) {
            for (Iterator<String> names = content.fieldNames(); names.hasNext(); ) {
                String documented = names.next();
                String plain = documented.split(";")[0].strip().toLowerCase(Locale.ROOT);
                if (plain.equals(mediaType) || plain.equals("*/*")) {
                    return documented;
                }
            }
            return null;
        }

        private static void record(String operation, int status) {
            ANSWERS.incrementAndGet();
            CHECKED.add(operation + " " + status);
        }

        private static String names(Iterator<String> names) {
            List<String> all = new ArrayList<>();
            names.forEachRemaining(all::add);
            return all.toString();
        }

        private static String escape(String token) {
            return token.replace("~", "~0").replace("/", "~1");
        }

        /** The body for the failure message, with the secret part of any key or token value left out. */
        private static String text(byte[] body) {
            String text = SECRET.matcher(new String(body, StandardCharsets.UTF_8)).replaceAll("$1_$2_...");
            return text.length() > 600 ? text.substring(0, 600) + "..." : text;
        }
    }
}
