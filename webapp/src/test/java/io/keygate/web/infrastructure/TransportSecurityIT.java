package io.keygate.web.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.web.support.ApiClient;
import io.keygate.web.support.Browser;
import io.keygate.web.support.Deployments;
import io.keygate.web.support.Enrollments;
import io.keygate.web.support.KeySetup;
import io.keygate.web.support.Organizations;
import io.keygate.web.support.TestDatabase;
import io.keygate.web.support.TestHttps;
import jakarta.json.Json;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Transport (S6): the portal over HTTPS with HSTS and a Secure session cookie, in Chromium too; plain HTTP served to
 * this machine only; from elsewhere (a client behind the test server's trusted proxy, 127.0.0.1) pages are sent to
 * HTTPS and everything else, an enrollment with a valid key first, is refused and changes nothing, unless the proxy
 * says the client came over HTTPS.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TransportSecurityIT {

    private static final String ELSEWHERE = "198.51.100.23";
    private static final HttpClient PLAIN = HttpClient.newHttpClient();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.keygateWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void servesHttpsWithHstsAndASecureSessionCookie() throws Exception {
        HttpResponse<String> secure = TestHttps.trustingTheTestCertificate().send(HttpRequest.newBuilder(https("login.xhtml")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, secure.statusCode());
        assertEquals("max-age=31536000", secure.headers().firstValue("Strict-Transport-Security").orElse(""));
        String cookie = sessionCookie(secure);
        assertTrue(cookie.contains("; Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), cookie);

        HttpResponse<String> byName = TestHttps.trustingTheTestCertificate().send(HttpRequest.newBuilder(URI.create("https://localhost:" + https("").getPort()
                + "/login.xhtml")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, byName.statusCode());
        assertTrue(byName.headers().firstValue("Strict-Transport-Security").isEmpty(),
                "no HSTS for localhost: browsers would keep it for every port of this machine");

        HttpResponse<String> plain = PLAIN.send(HttpRequest.newBuilder(URI.create(base + "login.xhtml")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, plain.statusCode(), "plain HTTP on this machine is served");
        assertTrue(plain.headers().firstValue("Strict-Transport-Security").isEmpty(), "HSTS only comes over HTTPS");
        assertFalse(sessionCookie(plain).contains("Secure"), "a Secure cookie would not come back over plain HTTP");

        HttpResponse<String> untrusting = null;
        try {
            untrusting = HttpClient.newHttpClient().send(HttpRequest.newBuilder(https("login.xhtml")).build(), HttpResponse.BodyHandlers.ofString());
        } catch (javax.net.ssl.SSLHandshakeException expected) {
            // Java's own CAs do not know the generated certificate
        }
        assertEquals(null, untrusting, "a client that trusts only public CAs refuses the self-signed certificate");
    }

    @Test
    void thePortalWorksOverHttpsInChromiumWithASecureCookie() {
        Organizations.TestOrganization org = Organizations.create(base, "https-browser");
        try (Browser browser = Browser.overHttps(base)) {
            browser.signIn(org.adminUsername(), Organizations.PASSWORD);
            browser.waitFor(By.id("nav-keys"));
            browser.open("keys/list.xhtml");
            browser.waitFor(By.id("nav-keys"));
            assertTrue(browser.driver().getCurrentUrl().startsWith("https://127.0.0.1:"), browser.driver().getCurrentUrl());
            assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser.driver()).executeScript("return window.isSecureContext;"));
            Cookie session = browser.driver().manage().getCookieNamed("JSESSIONID");
            assertTrue(session.isSecure() && session.isHttpOnly(), session.toString());
        }
    }

    @Test
    void plainHttpFromElsewhereSendsPagesToHttpsAndRefusesTheRest() throws Exception {
        HttpResponse<String> page = plainFromElsewhere(HttpRequest.newBuilder(URI.create(base + "keys/list.xhtml?search=web")).GET(), false);
        assertEquals(301, page.statusCode());
        assertEquals("https://" + base.getHost() + ":" + configuredHttpsPort() + "/keys/list.xhtml?search=web", page.headers().firstValue("Location").orElse(""),
                "the same host the client asked for, on the HTTPS port");

        HttpResponse<String> signIn = plainFromElsewhere(HttpRequest.newBuilder(URI.create(base + "login.xhtml"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("login=login&login%3Ausername=admin&login%3Apassword=" + ApiClient.ADMIN_PASSWORD)), false);
        assertEquals(403, signIn.statusCode());
        assertTrue(signIn.body().contains("HTTPS only"), signIn.body());
        assertTrue(signIn.headers().allValues("Set-Cookie").isEmpty(), "no session was made");

        HttpResponse<String> api = plainFromElsewhere(HttpRequest.newBuilder(URI.create(base + "api/v1/machine-groups"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + ApiClient.ADMIN_PASSWORD)
                        .getBytes(StandardCharsets.UTF_8))).GET(), false);
        assertEquals(403, api.statusCode(), "an API call is refused, not redirected: it would send its credential again");
        assertEquals("https_required", Json.createReader(new java.io.StringReader(api.body())).readObject().getString("id"));
        assertTrue(api.headers().firstValue("Location").isEmpty());
    }

    @Test
    void anEnrollmentOverPlainHttpFromElsewhereIsRefusedAndChangesNothing() throws Exception {
        KeySetup setup = KeySetup.of(base, "transport");
        jakarta.json.JsonObject created = setup.create("over-the-wire");
        String key = created.getString("provisioningKey");
        long keyId = created.getJsonNumber("id").longValue();
        String body = Json.createObjectBuilder().add("provisioningKey", key).add("hostname", "plain-01").add("fingerprint", "fp-plain-01")
                .add("os", "Debian 13").add("csr", Enrollments.csr()).build().toString();

        HttpResponse<String> clear = plainFromElsewhere(HttpRequest.newBuilder(URI.create(base + Enrollments.PATH))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), false);
        assertEquals(403, clear.statusCode());
        assertEquals("https_required", Json.createReader(new java.io.StringReader(clear.body())).readObject().getString("id"));
        assertEquals(0, usage(keyId), "the refused enrollment used nothing");

        HttpResponse<String> proxiedHttps = plainFromElsewhere(HttpRequest.newBuilder(URI.create(base + Enrollments.PATH))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), true);
        assertEquals(201, proxiedHttps.statusCode(), "the same request is heard when the trusted proxy says it came over HTTPS");
        assertEquals(1, usage(keyId));
    }

    /** A request from {@link #ELSEWHERE} through the test server's trusted proxy, which ended TLS or did not. */
    private HttpResponse<String> plainFromElsewhere(HttpRequest.Builder request, boolean cameOverHttps) throws Exception {
        request.header("X-Forwarded-For", ELSEWHERE);
        if (cameOverHttps) {
            request.header("X-Forwarded-Proto", "https");
        }
        return PLAIN.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int usage(long keyId) throws Exception {
        try (Connection connection = TestDatabase.connect(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT usage_count FROM provisioning_key WHERE id = " + keyId)) {
            assertTrue(row.next());
            return row.getInt(1);
        }
    }

    private static String sessionCookie(HttpResponse<?> response) {
        List<String> cookies = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).toList();
        assertEquals(1, cookies.size(), "one session cookie: " + cookies);
        return cookies.get(0);
    }

    /** KEYGATE_HTTPS_PORT of the test servers: where their redirects point. */
    private static String configuredHttpsPort() {
        return System.getProperty("keygate.test.https.port");
    }

    private URI https(String path) {
        return TestHttps.base(base).resolve(path);
    }
}
