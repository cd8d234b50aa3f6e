package io.keygate.web.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Calls the REST API as one account with HTTP Basic, or with an API token, the way a script would; every answer is
 * held to the OpenAPI document ({@link ApiContract}) and searched for key values where none belong ({@link SecretHygiene}).
 */
public final class ApiClient {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";
    public static final String OPERATOR = "operator";
    public static final String OPERATOR_PASSWORD = "operator-password-for-tests";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final URI base;
    private final String authorization;
    private final Map<String, String> headers;

    private ApiClient(URI base, String authorization, Map<String, String> headers) {
        this.base = base;
        this.authorization = authorization;
        this.headers = Map.copyOf(headers);
    }

    /** {@code Authorization: Bearer <token>}. */
    public static ApiClient withToken(URL base, String token) {
        return new ApiClient(URI.create(base.toString()), "Bearer " + token, Map.of());
    }

    /**
     * The same caller behind the test server's trusted proxy (127.0.0.1, arquillian.xml), which ends TLS as production
     * proxies do: it names the client in {@code X-Forwarded-For} and says {@code X-Forwarded-Proto: https}.
     */
    public ApiClient viaProxy(String clientAddress) {
        return withHeader("X-Forwarded-For", clientAddress).withHeader("X-Forwarded-Proto", "https");
    }

    /** The same caller, sending one more header with every request. */
    public ApiClient withHeader(String name, String value) {
        Map<String, String> more = new HashMap<>(headers);
        more.put(name, value);
        return new ApiClient(base, authorization, more);
    }

    public static ApiClient as(URL base, String username, String password) {
        String token = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new ApiClient(URI.create(base.toString()), "Basic " + token, Map.of());
    }

    public static ApiClient anonymous(URL base) {
        return new ApiClient(URI.create(base.toString()), null, Map.of());
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    /** A GET that accepts a file (PEM, text) as well as a JSON error. */
    public Response download(String path) {
        return send(request(path).setHeader("Accept", "application/x-pem-file, text/plain, application/json;q=0.5").GET());
    }

    /** A GET of a file (an export): status, headers and the bytes as they came. */
    public HttpResponse<byte[]> file(String path) {
        try {
            HttpRequest request = request(path).setHeader("Accept", "*/*").GET().build();
            HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
            ApiContract.check(request, response.statusCode(), response.headers(), response.body());
            SecretHygiene.check(request.method(), request.uri(), response.statusCode(), response.body());
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    /** Any method, body and content type, for the refusals (wrong media type, malformed JSON, ...). */
    public Response send(String method, String path, String contentType, String body) {
        HttpRequest.Builder builder = request(path).method(method, HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
                .timeout(Duration.ofSeconds(60))
                .setHeader("Accept", "application/json");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        headers.forEach(builder::header);
        return builder;
    }

    private static Response send(HttpRequest.Builder builder) {
        try {
            HttpRequest request = builder.build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            ApiContract.check(request, response.statusCode(), response.headers(), response.body().getBytes(StandardCharsets.UTF_8));
            SecretHygiene.check(request.method(), request.uri(), response.statusCode(), response.body().getBytes(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
