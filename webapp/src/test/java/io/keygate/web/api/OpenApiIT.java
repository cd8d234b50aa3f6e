package io.keygate.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.web.support.ApiClient;
import io.keygate.web.support.Deployments;
import io.keygate.web.support.Organizations;
import io.keygate.web.support.Organizations.TestOrganization;
import io.keygate.web.support.Response;
import jakarta.json.Json;
import io.keygate.audit.api.AuditEventFilter;
import io.keygate.certificates.api.SigningCertificateFilter;
import io.keygate.groups.api.MachineFilter;
import io.keygate.groups.api.MachineGroupFilter;
import io.keygate.keys.api.ProvisioningKeyFilter;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import java.io.IOException;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The OpenAPI document (R5): served at /openapi without signing in, every resource method of the API documented at its
 * path, and every documented operation answered by the server as an operation, not as an unknown address; each with
 * its answers, error bodies, parameters and examples. That the answers themselves match the document is checked on
 * every answer the API tests receive ({@link io.keygate.web.support.ApiContract}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpenApiIT {

    private static final Path API_CLASSES = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
            .resolve("target/classes/io/keygate/web/api");
    private static final Map<Class<? extends Annotation>, String> HTTP_METHODS = Map.of(GET.class, "get", POST.class, "post", PUT.class, "put", DELETE.class, "delete");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.keygateWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void documentsEveryOperationOfTheApiAndNothingElse() throws Exception {
        Response served = ApiClient.anonymous(base).get("openapi?format=json");
        assertEquals(200, served.status(), "the document is public: " + served);
        JsonObject document = Json.createReader(new StringReader(served.body())).readObject();
        assertEquals("3.0.3", document.getString("openapi"));
        assertEquals("Keygate API", document.getJsonObject("info").getString("title"));
        assertEquals("bearer", document.getJsonObject("components").getJsonObject("securitySchemes").getJsonObject("apiToken").getString("scheme"));
        JsonObject paths = document.getJsonObject("paths");
        assertTrue(paths.keySet().stream().noneMatch(path -> path.contains(":")), "no regular expression in a path template: " + paths.keySet());

        TreeSet<String> inCode = operationsInCode();
        TreeSet<String> documented = new TreeSet<>();
        paths.forEach((path, item) -> item.asJsonObject().keySet().stream().filter(HTTP_METHODS::containsValue)
                .forEach(method -> documented.add(method + " " + path)));
        assertEquals(inCode, documented, "the document and the resource classes name the same operations");
        assertTrue(inCode.size() > 40, "the whole API: " + inCode.size());

        TestOrganization org = Organizations.create(base, "openapi");
        ApiClient client = ApiClient.withToken(base, org.api().post("api/v1/api-tokens", "{\"name\":\"openapi-walk\",\"role\":\"ADMINISTRATOR\"}").json()
                .getString("apiToken"));
        for (String operation : documented) {
            String method = operation.substring(0, operation.indexOf(' ')).toUpperCase();
            String path = operation.substring(operation.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "999999999").substring(1);
            Response answer = client.send(method, path, "application/json", method.equals("GET") || method.equals("DELETE") ? "" : "{}");
            Response unknown = client.send(method, path.replaceFirst("^api/v1/", "api/v1/no-such-"), "application/json", "{}");
            assertNotEquals(unknown.toString(), answer.toString(), operation + " is answered as an operation, not as an unknown address");
            assertFalse(answer.status() == 405 || answer.status() >= 500, operation + ": " + answer);
        }
    }

    @Test
    void describesEveryOperationWithItsAnswersParametersAndExamples() {
        JsonObject document = Json.createReader(new StringReader(ApiClient.anonymous(base).get("openapi?format=json").body())).readObject();
        JsonObject paths = document.getJsonObject("paths");
        JsonObject schemas = document.getJsonObject("components").getJsonObject("schemas");
        assertEquals(List.of("id", "params", "reason"), schemas.getJsonObject("Error").getJsonArray("required").getValuesAs(JsonString.class)
                .stream().map(JsonString::getString).sorted().toList(), "the error body (R3)");

        Set<String> operationIds = new TreeSet<>();
        paths.forEach((path, item) -> item.asJsonObject().forEach((method, value) -> {
            if (!HTTP_METHODS.containsValue(method)) {
                return;
            }
            JsonObject operation = value.asJsonObject();
            String name = method + " " + path;
            assertTrue(operation.containsKey("operationId") && operationIds.add(operation.getString("operationId")), name + ": a unique operationId");
            assertFalse(operation.getString("summary", "").isBlank(), name + ": a summary");
            assertFalse(operation.getJsonArray("tags").isEmpty(), name + ": a tag");
            JsonObject responses = operation.getJsonObject("responses");
            Set<String> successes = responses.keySet().stream().filter(status -> status.startsWith("2")).collect(Collectors.toCollection(TreeSet::new));
            if (path.equals("/api/v1/enrollments")) {
                assertEquals(Set.of("200", "201"), successes, "an enrollment is 201, a re-enrollment 200");
                successes.remove("200");
            }
            assertEquals(1, successes.size(), name + " documents its one success: " + responses.keySet());
            String success = successes.iterator().next();
            if (method.equals("post") && !path.matches(".*/(reveal|rotate)$")) {
                assertTrue(Set.of("201", "200").contains(success), name);
            }
            if (success.equals("201")) {
                assertTrue(responses.getJsonObject("201").getJsonObject("headers").containsKey("Location"), name + ": 201 names its Location");
            }
            if (method.equals("delete")) {
                // resetting a table layout answers the default layout it returned to
                assertEquals(path.startsWith("/api/v1/table-layouts/") ? "200" : "204", success, name);
            }
            for (String refusal : List.of("400", "401", "403", "429", "500")) {
                assertEquals("#/components/responses/", responses.getJsonObject(refusal).getString("$ref").replaceAll("[A-Za-z]+$", ""),
                        name + " documents " + refusal + " with the error body");
            }
            if (path.contains("{")) {
                assertTrue(responses.containsKey("404"), name + " documents 404");
            }
            if (operation.containsKey("requestBody")) {
                JsonObject content = operation.getJsonObject("requestBody").getJsonObject("content");
                assertTrue(content.values().stream().anyMatch(media -> media.asJsonObject().containsKey("examples")
                        && !media.asJsonObject().getJsonObject("examples").isEmpty()), name + ": an example request");
                JsonObject json = content.getJsonObject("application/json");
                if (json != null) {
                    json.getJsonObject("examples").forEach((example, body) -> assertEquals(JsonValue.ValueType.OBJECT,
                            body.asJsonObject().get("value").getValueType(), name + " example " + example + " is a JSON object, not text"));
                }
            }
        }));

        Map<String, Set<String>> filters = Map.of(
                "/api/v1/machine-groups", MachineGroupFilter.PARAMETERS,
                "/api/v1/provisioning-keys", ProvisioningKeyFilter.PARAMETERS,
                "/api/v1/signing-certificates", SigningCertificateFilter.PARAMETERS,
                "/api/v1/machines", MachineFilter.PARAMETERS,
                "/api/v1/audit-events", AuditEventFilter.PARAMETERS);
        filters.forEach((path, chips) -> {
            Set<String> list = new TreeSet<>(chips);
            list.addAll(Set.of("page", "pageSize", "sort"));
            assertEquals(list, queryParameters(paths, path), path + ": the table's chips and the paging, by their names in the URL");
            Set<String> export = new TreeSet<>(chips);
            export.addAll(Set.of("sort", "format", "columns", "bom"));
            assertEquals(export, queryParameters(paths, path + "/export"), path + "/export takes the list's filters");
        });
    }

    private static Set<String> queryParameters(JsonObject paths, String path) {
        return paths.getJsonObject(path).getJsonObject("get").getJsonArray("parameters").getValuesAs(JsonObject.class).stream()
                .filter(parameter -> parameter.getString("in").equals("query")).map(parameter -> parameter.getString("name"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** {@code get /api/v1/machine-groups/{id}}, for every resource method of the classes of this package with a {@code @Path}. */
    private static TreeSet<String> operationsInCode() throws IOException, ClassNotFoundException {
        TreeSet<String> operations = new TreeSet<>();
        try (Stream<Path> files = Files.list(API_CLASSES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.getFileName().toString().contains("$")).toList()) {
                Class<?> type = Class.forName(OpenApiIT.class.getPackageName() + "." + file.getFileName().toString().replace(".class", ""), false,
                        OpenApiIT.class.getClassLoader());
                jakarta.ws.rs.Path classPath = type.getAnnotation(jakarta.ws.rs.Path.class);
                if (classPath == null) {
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    for (Map.Entry<Class<? extends Annotation>, String> http : HTTP_METHODS.entrySet()) {
                        if (method.isAnnotationPresent(http.getKey())) {
                            jakarta.ws.rs.Path methodPath = method.getAnnotation(jakarta.ws.rs.Path.class);
                            String path = "/api/" + classPath.value() + (methodPath == null ? "" : "/" + methodPath.value());
                            operations.add(http.getValue() + " " + path.replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}").replaceAll("/+", "/")
                                    .replaceAll("/$", ""));
                        }
                    }
                }
            }
        }
        return operations;
    }
}
