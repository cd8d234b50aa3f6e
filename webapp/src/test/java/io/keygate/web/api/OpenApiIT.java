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
import jakarta.json.JsonObject;
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
import java.util.Map;
import java.util.TreeSet;
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
 * path, and every documented operation answered by the server as an operation, not as an unknown address.
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
