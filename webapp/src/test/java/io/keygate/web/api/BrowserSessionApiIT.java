package io.keygate.web.api;

import static io.keygate.web.support.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keygate.web.support.ApiClient;
import io.keygate.web.support.Browser;
import io.keygate.web.support.Deployments;
import io.keygate.web.support.Organizations;
import io.keygate.web.support.Organizations.TestOrganization;
import io.keygate.web.support.PasswordAgeProbe;
import io.keygate.web.support.Response;
import jakarta.json.Json;
import java.io.StringReader;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * S3 for the API (issue 7): a signed-in browser reaches the API with its session only when it adds the anti-CSRF
 * header; what another site can make a browser send (the cookie alone, or marked cross-site) changes nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrowserSessionApiIT {

    private static final String GROUPS = "api/v1/machine-groups";
    private static final String KEYS = "api/v1/provisioning-keys";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.keygateWar();
    }

    @ArquillianResource
    URL base;

    private Browser browser;
    private TestOrganization org;

    @BeforeEach
    void signIn() {
        org = Organizations.create(base, "session-api");
        browser = new Browser(base);
        browser.signIn(org.adminUsername(), Organizations.PASSWORD);
        browser.waitFor(By.id("nav-keys"));
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void thePagesOwnScriptCallsTheApiWithTheHeaderAndIsRefusedWithoutIt() {
        Map<String, Object> withHeader = fetch("POST", "{\"name\":\"from-the-page\",\"enabled\":true}", true);
        assertEquals(201L, withHeader.get("status"), withHeader.toString());
        assertEquals(1, groupsNamed("from-the-page"));

        Map<String, Object> withoutHeader = fetch("POST", "{\"name\":\"no-header\",\"enabled\":true}", false);
        assertEquals(403L, withoutHeader.get("status"), withoutHeader.toString());
        assertEquals("csrf_header_missing", errorId(withoutHeader));
        assertEquals(0, groupsNamed("no-header"), "nothing was created");

        Map<String, Object> read = fetch("GET", null, true);
        assertEquals(200L, read.get("status"), "reading works the same way");
    }

    @Test
    void whatAnotherSiteCanMakeTheBrowserSendChangesNothing() {
        int groupsBefore = org.api().get(GROUPS + "?pageSize=500").list().size();
        String cookie = cookies();
        ApiClient cookieOnly = ApiClient.anonymous(base).withHeader("Cookie", cookie)
                .withHeader("Origin", "https://attacker.example").withHeader("Sec-Fetch-Site", "cross-site");

        assertError(cookieOnly.send("POST", GROUPS, "application/x-www-form-urlencoded", "name=by-a-form&enabled=true"),
                403, "csrf_header_missing");
        assertError(cookieOnly.send("POST", GROUPS, "text/plain", "{\"name\":\"by-a-text-post\",\"enabled\":true}"),
                403, "csrf_header_missing");
        assertError(cookieOnly.post(GROUPS, "{\"name\":\"by-json\",\"enabled\":true}"), 403, "csrf_header_missing");
        assertError(cookieOnly.withHeader("X-Keygate-CSRF", "1").post(GROUPS, "{\"name\":\"marked-cross-site\",\"enabled\":true}"),
                403, "csrf_cross_site");
        assertError(cookieOnly.withHeader("Sec-Fetch-Site", "same-site").withHeader("X-Keygate-CSRF", "1")
                .post(GROUPS, "{\"name\":\"from-a-sibling-site\",\"enabled\":true}"), 403, "csrf_cross_site");
        assertEquals(groupsBefore, org.api().get(GROUPS + "?pageSize=500").list().size(), "no group was created");

        Response sameOrigin = ApiClient.anonymous(base).withHeader("Cookie", cookie).withHeader("X-Keygate-CSRF", "1")
                .withHeader("Sec-Fetch-Site", "same-origin").post(GROUPS, "{\"name\":\"same-origin\",\"enabled\":true}");
        assertEquals(201, sameOrigin.status(), sameOrigin.toString());

        browser.driver().manage().deleteAllCookies();
        browser.open("login.xhtml");
        assertError(ApiClient.anonymous(base).withHeader("X-Keygate-CSRF", "1").post(GROUPS, "{\"name\":\"no-session\",\"enabled\":true}"),
                401, "not_authenticated");
    }

    @Test
    void aKeysValueNeedsThePasswordTypedInTheLastFiveMinutesWhenASessionAsks() {
        long group = org.api().post(GROUPS, "{\"name\":\"step-up\",\"enabled\":true}").id();
        long certificate = org.api().get("api/v1/signing-certificates?name=Client").list().getJsonObject(0).getJsonNumber("id").longValue();
        long key = org.api().post(KEYS, "{\"name\":\"step-up-key\",\"machineGroupId\":" + group
                + ",\"signingCertificateId\":" + certificate + "}").id();
        String cookie = cookies();
        ApiClient session = ApiClient.anonymous(base).withHeader("Cookie", cookie).withHeader("X-Keygate-CSRF", "1");
        assertEquals(200, session.post(KEYS + "/" + key + "/reveal", "").status(), "signed in a moment ago");

        browser.open(PasswordAgeProbe.PATH.substring(1));

        assertError(session.post(KEYS + "/" + key + "/reveal", ""), 403, "step_up_required");
        assertError(session.download(KEYS + "/" + key + "/download"), 403, "step_up_required");
        assertError(session.post("api/v1/api-tokens", "{\"name\":\"late-token\",\"role\":\"ADMINISTRATOR\"}"), 403, "step_up_required");
        assertError(session.post("api/v1/admins", "{\"username\":\"late-admin-" + org.id() + "\",\"password\":\"" + Organizations.PASSWORD
                + "\",\"role\":\"ADMINISTRATOR\"}"), 403, "step_up_required");
        assertEquals(0, org.api().get("api/v1/api-tokens").json().getInt("totalCount"), "no credential was made");
        assertEquals(200, org.api().post(KEYS + "/" + key + "/reveal", "").status(), "HTTP Basic carries the password itself");
        assertEquals(2, org.api().get("api/v1/audit-events?action=provisioning_key.reveal").json().getInt("totalCount"),
                "refused reveals reveal nothing");
    }

    @Test
    void tryItOutOnTheApiPageActsAsTheSignedInAdmin() {
        browser.waitFor(By.id("nav-api-docs")).click();
        By operation = By.xpath("//div[contains(@class,'opblock-get')][.//*[@data-path='/api/v1/machine-groups']]");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(driver -> !driver.findElements(operation).isEmpty());
        browser.waitFor(operation).findElement(By.cssSelector(".opblock-summary-control")).click();
        browser.waitFor(By.cssSelector(".opblock.is-open .try-out__btn")).click();
        browser.waitFor(By.cssSelector(".opblock.is-open .execute")).click();
        browser.waitForText(By.cssSelector(".opblock.is-open .live-responses-table tbody .response-col_status"), "200");
        String shown = browser.waitFor(By.cssSelector(".opblock.is-open .live-responses-table .microlight")).getText();
        assertEquals(true, shown.contains("\"totalCount\""), shown);
        browser.screenshot("api-page-try-it-out");
    }

    /** The page's own JavaScript calling the API, as Swagger UI or any script of the portal does. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> fetch(String method, String body, boolean withHeader) {
        String script = "var done = arguments[arguments.length - 1];"
                + "var headers = {'Content-Type': 'application/json'};"
                + (withHeader ? "headers['X-Keygate-CSRF'] = '1';" : "")
                + "fetch('/" + GROUPS + "', {method: '" + method + "', headers: headers"
                + (body == null ? "" : ", body: arguments[0]") + "})"
                + ".then(function (r) { return r.text().then(function (t) { done({status: r.status, body: t}); }); })"
                + ".catch(function (e) { done({status: -1, body: String(e)}); });";
        browser.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return (Map<String, Object>) ((JavascriptExecutor) browser.driver()).executeAsyncScript(script, body);
    }

    private static String errorId(Map<String, Object> answer) {
        String body = String.valueOf(answer.get("body"));
        return Json.createReader(new StringReader(body)).readObject().getString("id");
    }

    private int groupsNamed(String name) {
        return (int) org.api().get(GROUPS + "?pageSize=500").list().stream()
                .filter(group -> name.equals(group.asJsonObject().getString("name"))).count();
    }

    /**
     * Every cookie the browser holds for the portal, as it sends them: the session id and, since sessions may be shared
     * between nodes, Payara's JSESSIONIDVERSION beside it.
     */
    private String cookies() {
        return browser.driver().manage().getCookies().stream().map(cookie -> cookie.getName() + "=" + cookie.getValue())
                .collect(java.util.stream.Collectors.joining("; "));
    }
}
