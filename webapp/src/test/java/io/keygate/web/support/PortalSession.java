package io.keygate.web.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The portal's pages over plain HTTP with a cookie jar, signed in through the sign-in form as a browser without
 * JavaScript would: for tests about what the server sends (headers, cookies) and about forged form posts.
 */
public final class PortalSession {

    private static final Pattern VIEW_STATE = Pattern.compile("name=\"jakarta\\.faces\\.ViewState\"[^>]*value=\"([^\"]+)\"");

    private final URI base;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;

    private PortalSession(URL base) {
        this.base = URI.create(base.toString());
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    public static PortalSession anonymous(URL base) {
        return new PortalSession(base);
    }

    /** Signs in through login.xhtml; fails the test unless the form sends the browser on to a page behind it. */
    public static PortalSession signIn(URL base, String username, String password) {
        PortalSession session = new PortalSession(base);
        HttpResponse<String> signedIn = session.signInWith(username, password);
        if (signedIn.statusCode() != 302 || signedIn.headers().firstValue("Location").orElse("").contains("login.xhtml")) {
            throw new AssertionError("sign-in of " + username + " answered " + signedIn.statusCode() + " " + signedIn.headers().map());
        }
        return session;
    }

    /** Posts the sign-in form (with the page's own ViewState) and returns the answer to the post. */
    public HttpResponse<String> signInWith(String username, String password) {
        String form = get("login.xhtml").body();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("login", "login");
        fields.put("login:username", username);
        fields.put("login:password", password);
        fields.put("login:sign-in", "");
        fields.put("jakarta.faces.ViewState", viewState(form));
        return post("login.xhtml", fields, Map.of());
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(resolve(path)).GET());
    }

    /** A form post as a browser sends it, with extra headers (Faces-Request for ajax, Origin, ...). */
    public HttpResponse<String> post(String path, Map<String, String> fields, Map<String, String> headers) {
        String body = fields.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder builder = HttpRequest.newBuilder(resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        return send(builder);
    }

    /** An API call as the API page makes it: the session's cookies, a JSON body and the headers given (the CSRF header). */
    public HttpResponse<String> json(String method, String path, String json, Map<String, String> headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(resolve(path)).header("Content-Type", "application/json")
                .header("Accept", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(builder::header);
        return send(builder);
    }

    /** The value of the session cookie, if the server has set one. */
    public Optional<String> sessionId() {
        return cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equalsIgnoreCase("JSESSIONID")).map(HttpCookie::getValue).findFirst();
    }

    public static String viewState(String page) {
        Matcher matcher = VIEW_STATE.matcher(page);
        if (!matcher.find()) {
            throw new AssertionError("no ViewState in the page");
        }
        return matcher.group(1).replace("&#58;", ":").replace("&amp;", "&");
    }

    private URI resolve(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) {
        try {
            return http.send(builder.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
