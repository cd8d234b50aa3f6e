package io.keygate.web.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.web.support.ApiClient;
import io.keygate.web.support.Browser;
import io.keygate.web.support.Deployments;
import io.keygate.web.support.KeySetup;
import io.keygate.web.support.Organizations;
import io.keygate.web.support.PortalSession;
import io.keygate.web.support.ServerLog;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * S4 / G11 / G13: the browser protections on every kind of response (pages signed in and not, the API, files, errors,
 * static resources), the page nonce, no-store on whatever shows a secret, the session cookie, and a policy that
 * really blocks and reports an injected script.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecurityHeadersIT {

    private static final Pattern NONCE = Pattern.compile("'nonce-([A-Za-z0-9+/=_-]+)'");
    private static final Pattern SCRIPT_TAG = Pattern.compile("<script\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern INLINE_HANDLER = Pattern.compile("<[^>]+\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.keygateWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void everyKindOfResponseCarriesTheProtections() throws Exception {
        KeySetup setup = KeySetup.of(base, "headers");
        PortalSession admin = PortalSession.signIn(base, setup.org().adminUsername(), Organizations.PASSWORD);
        PortalSession anonymous = PortalSession.anonymous(base);
        PortalSession operator = PortalSession.signIn(base, ApiClient.OPERATOR, ApiClient.OPERATOR_PASSWORD);

        Map<String, HttpResponse<String>> pages = new LinkedHashMap<>();
        for (String page : List.of("keys/list.xhtml", "groups/list.xhtml", "machines/list.xhtml",
                "admins/list.xhtml", "certificates/list.xhtml", "audit/list.xhtml", "tokens/list.xhtml")) {
            pages.put(page, admin.get(page));
        }
        pages.put("organizations/list.xhtml", operator.get("organizations/list.xhtml"));
        pages.put("login.xhtml", anonymous.get("login.xhtml"));
        for (Map.Entry<String, HttpResponse<String>> page : pages.entrySet()) {
            assertEquals(200, page.getValue().statusCode(), page.getKey());
            assertPageProtected(page.getKey(), page.getValue());
        }

        Map<String, HttpResponse<String>> others = new LinkedHashMap<>();
        others.put("signed-out page", anonymous.get("keys/list.xhtml"));
        others.put("start page", admin.get("index.xhtml"));
        others.put("page forbidden to the role", admin.get("organizations/list.xhtml"));
        others.put("missing page", admin.get("no-such-page.xhtml"));
        others.put("API list", api("api/v1/machine-groups", setup));
        others.put("API key", api(KeySetup.KEYS + "/" + setup.create("header-key").getJsonNumber("id"), setup));
        others.put("API refusal", api("api/v1/machine-groups/0", setup));
        others.put("API without credentials", request("api/v1/machine-groups", null));
        others.put("enrollment refusal", HTTP.send(HttpRequest.newBuilder(uri("api/v1/enrollments"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString()));
        others.put("OpenAPI document", request("openapi?format=json", null));
        others.put("CSV export", api(KeySetup.KEYS + "/export?format=csv", setup));
        others.put("export servlet", admin.get("export/keys?format=csv"));
        assertEquals(404, others.get("missing page").statusCode());
        assertTrue(others.get("missing page").body().contains("id=\"not-found\""), "our own not-found page");
        for (Map.Entry<String, HttpResponse<String>> other : others.entrySet()) {
            assertProtected(other.getKey(), other.getValue().headers());
            String type = other.getValue().headers().firstValue("Content-Type").orElse("");
            if (other.getValue().statusCode() != 302 && type.startsWith("text/")) {
                assertTrue(type.toLowerCase().replace(" ", "").contains("charset=utf-8"), other.getKey() + ": " + type);
            }
            assertNoStore(other.getKey(), other.getValue().headers());
        }

        Map<String, HttpResponse<String>> statics = new LinkedHashMap<>();
        statics.put("PrimeFaces script", admin.get("jakarta.faces.resource/core.js.xhtml?ln=primefaces"));
        statics.put("our script", admin.get("jakarta.faces.resource/js/keys.js.xhtml"));
        statics.put("API page", admin.get("api-docs/"));
        for (Map.Entry<String, HttpResponse<String>> file : statics.entrySet()) {
            assertEquals(200, file.getValue().statusCode(), file.getKey());
            assertProtected(file.getKey(), file.getValue().headers());
        }
        assertTrue(pages.size() + others.size() + statics.size() >= 20, "at least 20 responses sampled");
    }

    @Test
    void whatShowsASecretIsNeverStored() throws Exception {
        KeySetup setup = KeySetup.of(base, "no-store");
        long id = setup.create("stored-nowhere").getJsonNumber("id").longValue();

        Map<String, HttpResponse<String>> secrets = new LinkedHashMap<>();
        secrets.put("create", send(setup, "POST", KeySetup.KEYS, "{\"name\":\"second\",\"machineGroupId\":" + setup.groupId()
                + ",\"signingCertificateId\":" + setup.certificateId() + "}"));
        secrets.put("reveal", send(setup, "POST", KeySetup.KEYS + "/" + id + "/reveal", ""));
        secrets.put("download", send(setup, "GET", KeySetup.KEYS + "/" + id + "/download", null));
        secrets.put("rotate", send(setup, "POST", KeySetup.KEYS + "/" + id + "/rotate", "{}"));
        secrets.put("API token", send(setup, "POST", "api/v1/api-tokens", "{\"name\":\"ci\",\"role\":\"READ_ONLY\"}"));
        for (Map.Entry<String, HttpResponse<String>> secret : secrets.entrySet()) {
            assertTrue(secret.getValue().statusCode() < 300, secret.getKey() + ": " + secret.getValue().statusCode() + " " + secret.getValue().body());
            assertTrue(secret.getValue().body().contains("mpk_") || secret.getValue().body().contains("kgt_"), secret.getKey());
            assertNoStore(secret.getKey(), secret.getValue().headers());
            assertProtected(secret.getKey(), secret.getValue().headers());
        }
    }

    @Test
    void eachPageHasItsOwnNonce() {
        PortalSession anonymous = PortalSession.anonymous(base);

        String first = nonceOf(anonymous.get("login.xhtml").headers());
        String second = nonceOf(anonymous.get("login.xhtml").headers());

        assertNotEquals(first, second);
        assertTrue(first.length() >= 16, first);
    }

    @Test
    void theSessionCookieIsHttpOnlySameSiteAndNewAtSignIn() {
        Organizations.TestOrganization org = Organizations.create(base, "cookie");
        List<String> before = new ArrayList<>();
        List<String> after = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            PortalSession session = PortalSession.anonymous(base);
            HttpResponse<String> form = session.get("login.xhtml");
            String cookie = form.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
            assertTrue(cookie.contains("HttpOnly"), cookie);
            assertTrue(cookie.contains("SameSite=Lax"), cookie);
            before.add(session.sessionId().orElseThrow());
            HttpResponse<String> signedIn = session.signInWith(org.adminUsername(), Organizations.PASSWORD);
            assertEquals(302, signedIn.statusCode());
            after.add(session.sessionId().orElseThrow());
            assertNotEquals(before.get(i), after.get(i), "the session id changes at sign-in");
            assertEquals(200, session.get("keys/list.xhtml").statusCode());
        }
        assertEquals(20, after.stream().distinct().count());
    }

    @Test
    void theBrowserBlocksAndReportsAnInjectedScript() throws Exception {
        Organizations.TestOrganization org = Organizations.create(base, "csp");
        long reportedBefore = violations();
        try (Browser browser = new Browser(base)) {
            browser.expectCspViolations();
            browser.signIn(org.adminUsername(), Organizations.PASSWORD);
            browser.open("keys/list.xhtml");
            browser.waitFor(By.id("nav-keys"));
            assertEquals(0, browser.cspViolationsSinceOpen(), "the page itself breaks nothing");

            ((JavascriptExecutor) browser.driver()).executeScript("var s = document.createElement('script');"
                    + "s.textContent = 'window.kgInjected = true;'; document.body.appendChild(s);"
                    + "var i = document.createElement('img'); i.setAttribute('src', 'x'); i.setAttribute('onerror', 'window.kgInjected = true');"
                    + "document.body.appendChild(i);");

            new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(done -> browser.cspViolationsSinceOpen() >= 2);
            assertEquals(Boolean.FALSE, ((JavascriptExecutor) browser.driver()).executeScript("return window.kgInjected === true;"));
            assertEquals(2, browser.cspViolationsSinceOpen());
        }
        // the browser sends its reports in the background, a moment after the page saw the violations
        Instant giveUp = Instant.now().plusSeconds(30);
        while (violations() < reportedBefore + 2 && Instant.now().isBefore(giveUp)) {
            Thread.sleep(100);
        }
        assertTrue(violations() >= reportedBefore + 2, "the browser reported both violations to the server");
        String log = ServerLog.readThrough(base);
        assertTrue(log.contains("Content-Security-Policy violation reported from 127.0.0.1: directive script-src-elem blocked inline on /keys/list.xhtml"),
                "the server log names the directive and the page");
    }

    @Test
    void reportsAreLoggedWithoutQueryStringsAndBounded() throws Exception {
        long before = violations();
        String report = "{\"csp-report\":{\"document-uri\":\"http://127.0.0.1/keys/list.xhtml?search=report-secret-text\","
                + "\"effective-directive\":\"script-src-elem\",\"blocked-uri\":\"https://203.0.113.9/x.js?q=report-secret-text\"}}";

        HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(uri("csp-reports")).header("Content-Type", "application/csp-report")
                .POST(HttpRequest.BodyPublishers.ofString(report)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> tooLarge = HTTP.send(HttpRequest.newBuilder(uri("csp-reports")).header("Content-Type", "application/csp-report")
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(70_000))).build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(204, accepted.statusCode());
        assertEquals(413, tooLarge.statusCode());
        assertEquals(before + 1, violations());
        String log = ServerLog.readThrough(base);
        assertTrue(log.contains("directive script-src-elem blocked /x.js on /keys/list.xhtml"), "the report is logged");
        assertFalse(log.contains("report-secret-text"), "query strings are not logged");
    }

    @Test
    void forgedPostbacksAreOneBoundedLogLineEachNotAStackTrace() {
        // an address of its own (behind the test server's trusted proxy), so no other test shares its minute
        String forger = "203.0.113.77";
        PortalSession session = PortalSession.anonymous(base);
        String viewState = PortalSession.viewState(session.get("login.xhtml").body());
        String mark = ServerLog.mark(base);
        for (int i = 0; i < 30; i++) {
            Map<String, String> fields = new LinkedHashMap<>();
            // no button and no credentials: PrimeFaces checks the nonce when it renders, after the action would have run
            fields.put("login", "login");
            fields.put("jakarta.faces.ViewState", viewState);
            fields.put("primefaces.nonce", "forged-nonce-" + i);
            HttpResponse<String> refused = session.post("login.xhtml", fields, Map.of("X-Forwarded-For", forger, "X-Forwarded-Proto", "https"));
            assertEquals(302, refused.statusCode());
            assertTrue(refused.headers().firstValue("Location").orElse("").endsWith("/error.xhtml"),
                    "a postback with another page's nonce ends on the error page: " + refused.headers().map());
        }

        String logged = ServerLog.since(base, mark);
        assertEquals(20, logged.lines().filter(line -> line.contains("Refused a page request: a form posted with another page's CSP nonce")
                && line.contains("POST /login.xhtml from " + forger)).count(), "one line each, at most 20 a minute per address");
        assertFalse(logged.contains("org.primefaces.csp.CspException"), "no stack trace");
    }

    private long violations() throws IOException, InterruptedException {
        return Long.parseLong(HTTP.send(HttpRequest.newBuilder(uri("test-support/csp-violations")).build(),
                HttpResponse.BodyHandlers.ofString()).body().trim());
    }

    private static void assertPageProtected(String page, HttpResponse<String> response) {
        assertProtected(page, response.headers());
        assertNoStore(page, response.headers());
        String nonce = nonceOf(response.headers());
        Matcher scripts = SCRIPT_TAG.matcher(response.body());
        int inline = 0;
        while (scripts.find()) {
            String tag = scripts.group();
            if (!tag.contains(" src=")) {
                inline++;
                assertTrue(tag.contains("nonce=\"" + nonce + "\""), page + ": inline script without the page's nonce: " + tag);
            }
        }
        assertTrue(inline > 0, page + " has PrimeFaces' nonce-bearing scripts");
        Matcher handler = INLINE_HANDLER.matcher(response.body());
        assertFalse(handler.find(), () -> page + ": inline event handler " + handler.group());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").contains("charset=UTF-8"), page);
    }

    private static void assertProtected(String what, HttpHeaders headers) {
        List<String> policies = headers.allValues("Content-Security-Policy");
        assertEquals(1, policies.size(), what + ": one policy " + policies);
        String policy = policies.get(0);
        assertTrue(policy.contains("frame-ancestors 'none'"), what + ": " + policy);
        assertTrue(policy.contains("script-src 'self'"), what + ": " + policy);
        assertFalse(policy.contains("unsafe-eval") || policy.matches(".*script-src[^;]*unsafe-inline.*"), what + ": " + policy);
        assertTrue(policy.contains("report-uri /csp-reports"), what + ": " + policy);
        assertEquals("DENY", headers.firstValue("X-Frame-Options").orElse(null), what);
        assertEquals("nosniff", headers.firstValue("X-Content-Type-Options").orElse(null), what);
        assertEquals("same-origin", headers.firstValue("Referrer-Policy").orElse(null), what);
        assertNull(headers.firstValue("X-Powered-By").orElse(null), what + " names no server software");
    }

    private static void assertNoStore(String what, HttpHeaders headers) {
        String cacheControl = headers.firstValue("Cache-Control").orElse("");
        assertTrue(cacheControl.contains("no-store"), what + ": Cache-Control " + cacheControl);
    }

    private static String nonceOf(HttpHeaders headers) {
        Matcher nonce = NONCE.matcher(headers.firstValue("Content-Security-Policy").orElse(""));
        assertTrue(nonce.find(), "a page's policy carries its nonce: " + headers.firstValue("Content-Security-Policy"));
        return nonce.group(1);
    }

    private HttpResponse<String> api(String path, KeySetup setup) throws IOException, InterruptedException {
        return send(setup, "GET", path, null);
    }

    private HttpResponse<String> request(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).GET();
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(KeySetup setup, String method, String path, String json) throws IOException, InterruptedException {
        String basic = java.util.Base64.getEncoder().encodeToString((setup.org().adminUsername() + ":" + Organizations.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).header("Authorization", "Basic " + basic)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            builder.header("Content-Type", "application/json");
        }
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }
}
