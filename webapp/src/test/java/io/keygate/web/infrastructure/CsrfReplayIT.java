package io.keygate.web.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.web.support.Browser;
import io.keygate.web.support.Deployments;
import io.keygate.web.support.KeySetup;
import io.keygate.web.support.Organizations;
import io.keygate.web.support.Organizations.TestOrganization;
import io.keygate.web.support.PortalSession;
import io.keygate.web.support.TestDatabase;
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * S3 / G12 for the pages: an admin changes groups, keys, API tokens and admins in Chromium while the page's own
 * requests are recorded; each state-changing one is then sent again as another site would make the admin's browser
 * send it (the admin's session cookie, a foreign Origin) but without the page's ViewState, or with the ViewState of
 * another session. None may change anything. One genuine replay (the admin's own ViewState) shows that the recorded
 * requests do change things when they are what they claim to be.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CsrfReplayIT {

    private static final String VIEW_STATE = "jakarta.faces.ViewState";
    /** The buttons whose requests change data: saves, creates, deletes (after their confirmation), revokes, leak reports. */
    private static final Pattern CHANGING = Pattern.compile(".*:(save|create|delete|revoke|disableLeaked)$");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.keygateWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void noRecordedPageRequestChangesAnythingWithoutItsOwnViewState() throws Exception {
        KeySetup victim = KeySetup.of(base, "csrf-victim");
        for (int i = 0; i < 3; i++) {
            victim.create("csrf-key-" + i);
        }
        TestOrganization attacker = Organizations.create(base, "csrf-attacker");
        List<Map<String, String>> recorded;
        String cookie;
        try (Browser browser = new Browser(base)) {
            browser.recordPostbacks();
            browser.signIn(victim.org().adminUsername(), Organizations.PASSWORD);
            browser.waitFor(By.id("nav-keys"));
            changeGroups(browser);
            changeKeys(browser);
            changeTokens(browser);
            changeAdmins(browser, victim.org());
            reportNothingLeaked(browser);
            recorded = browser.recordedPostbacks();
            // every cookie, as the browser sends them: a distributable application's session also has JSESSIONIDVERSION
            cookie = browser.driver().manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                    .collect(java.util.stream.Collectors.joining("; "));
        }
        List<Map<String, String>> changing = recorded.stream().filter(post -> CHANGING.matcher(source(post)).matches()).toList();
        assertTrue(changing.size() >= 30, "at least 30 state-changing requests recorded: " + changing.size());

        Map<String, String> genuine = changing.get(changing.size() - 1);
        assertEquals("leakForm:disableLeaked", source(genuine));
        long reportsBefore = TestDatabase.successfulAuditEvents(victim.org().id());
        HttpResponse<String> replayed = send(genuine.get("url"), decode(genuine.get("body")), cookie, null);
        assertEquals(200, replayed.statusCode());
        assertEquals(reportsBefore + 1, TestDatabase.successfulAuditEvents(victim.org().id()),
                "the genuine request, sent again with its own ViewState, is heard: one more leak report audited");

        PortalSession other = PortalSession.signIn(base, attacker.adminUsername(), Organizations.PASSWORD);
        String before = TestDatabase.organizationDigest(victim.org().id());
        long auditedBefore = TestDatabase.successfulAuditEvents(victim.org().id());
        Map<String, Integer> outcomes = new TreeMap<>();
        int replays = 0;
        for (Map<String, String> post : changing) {
            List<String[]> fields = decode(post.get("body"));
            String page = URI.create(post.get("url")).getPath().substring(1);
            String foreignViewState = PortalSession.viewState(other.get(page).body());
            List<List<String[]>> forged = List.of(without(fields, VIEW_STATE), with(fields, VIEW_STATE, foreignViewState));
            for (List<String[]> forgery : forged) {
                HttpResponse<String> answer = send(post.get("url"), forgery, cookie, "https://attacker.example");
                outcomes.merge(answer.statusCode() + (answer.body().contains("ViewExpiredException") ? " view expired"
                        : answer.body().contains("<partial-response") ? " partial response" : ""), 1, Integer::sum);
                replays++;
            }
        }
        assertEquals(before, TestDatabase.organizationDigest(victim.org().id()), "no forged request changed the organisation's data");
        assertEquals(auditedBefore, TestDatabase.successfulAuditEvents(victim.org().id()), "nor did any do anything that is audited");
        System.out.println("CSRF replay: " + changing.size() + " state-changing page requests recorded, " + replays
                + " forged replays (no ViewState / another session's), 0 changed data; answers " + outcomes);
    }

    private static void changeGroups(Browser browser) {
        browser.open("groups/list.xhtml");
        for (int i = 0; i < 8; i++) {
            browser.click(By.id("groups:add"));
            browser.type(By.id("groupDialogForm:name"), "csrf-group-" + i);
            browser.click(By.id("groupDialogForm:save"));
            browser.waitUntilGone(By.id("groupDialog"));
            browser.waitForText(By.id("groups:table_data"), "csrf-group-" + i);
        }
        for (int i = 0; i < 4; i++) {
            rowOf(browser, "groups", "csrf-group-" + i).findElement(By.cssSelector(".kg-edit")).click();
            browser.waitForText(By.id("groupDialog"), "Edit Machine Group");
            browser.type(By.id("groupDialogForm:description"), "edited " + i);
            browser.click(By.id("groupDialogForm:save"));
            browser.waitUntilGone(By.id("groupDialog"));
        }
        for (int i = 4; i < 8; i++) {
            rowOf(browser, "groups", "csrf-group-" + i).findElement(By.cssSelector(".kg-delete")).click();
            browser.click(By.id("groups:confirm-yes"));
            browser.waitUntilGone(By.id("groups:confirm"));
            waitUntilNoRow(browser, "groups", "csrf-group-" + i);
        }
    }

    private static void changeKeys(Browser browser) {
        browser.open("keys/list.xhtml");
        for (int i = 0; i < 2; i++) {
            rowOf(browser, "keys", "csrf-key-" + i).findElement(By.cssSelector(".kg-edit")).click();
            browser.type(By.id("keyDialogForm:description"), "edited " + i);
            browser.click(By.id("keyDialogForm:save"));
            browser.waitUntilGone(By.id("keyDialog"));
        }
        rowOf(browser, "keys", "csrf-key-2").findElement(By.cssSelector(".kg-delete")).click();
        browser.click(By.id("keys:confirm-yes"));
        waitUntilNoRow(browser, "keys", "csrf-key-2");
    }

    /** Last, so its view is the freshest: a leak report changes no key here, but each one is audited. */
    private static void reportNothingLeaked(Browser browser) {
        browser.open("keys/list.xhtml");
        browser.click(By.id("keys:reportLeak"));
        browser.type(By.id("leakForm:text"), "nothing leaked here");
        browser.click(By.id("leakForm:disableLeaked"));
        browser.waitFor(By.id("leakForm:leakResult"));
    }

    private static void changeTokens(Browser browser) {
        browser.open("tokens/list.xhtml");
        for (int i = 0; i < 4; i++) {
            browser.click(By.id("tokens:add"));
            browser.type(By.id("tokenDialogForm:name"), "csrf-token-" + i);
            browser.click(By.id("tokenDialogForm:create"));
            browser.waitFor(By.id("tokenCreated"));
            browser.click(By.id("closeToken"));
            browser.waitUntilGone(By.id("tokenCreated"));
            browser.waitForText(By.id("tokens:table_data"), "csrf-token-" + i);
        }
        for (int i = 0; i < 3; i++) {
            rowOf(browser, "tokens", "csrf-token-" + i).findElement(By.cssSelector(".kg-revoke")).click();
            browser.click(By.id("tokens:confirm-yes"));
            browser.waitUntilGone(By.id("tokens:confirm"));
        }
    }

    private static void changeAdmins(Browser browser, TestOrganization org) {
        browser.open("admins/list.xhtml");
        for (int i = 0; i < 3; i++) {
            browser.click(By.id("admins:add"));
            browser.type(By.id("adminDialogForm:username"), "csrf-admin-" + i + "-" + org.id());
            browser.type(By.id("adminDialogForm:password"), Organizations.PASSWORD);
            browser.click(By.id("adminDialogForm:save"));
            browser.waitUntilGone(By.id("adminDialog"));
            browser.waitForText(By.id("admins:table_data"), "csrf-admin-" + i + "-" + org.id());
        }
        for (int i = 0; i < 2; i++) {
            rowOf(browser, "admins", "csrf-admin-" + i + "-" + org.id()).findElement(By.cssSelector(".kg-delete")).click();
            browser.click(By.id("admins:confirm-yes"));
            waitUntilNoRow(browser, "admins", "csrf-admin-" + i + "-" + org.id());
        }
    }

    private static WebElement rowOf(Browser browser, String form, String text) {
        browser.waitForText(By.id(form + ":table_data"), text);
        return new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(driver -> rowsNamed(driver, form, text).findFirst().orElse(null));
    }

    private static void waitUntilNoRow(Browser browser, String form, String text) {
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(driver -> rowsNamed(driver, form, text).findAny().isEmpty());
    }

    /** The rows of the page's table that show {@code text} as a word of their own. */
    private static java.util.stream.Stream<WebElement> rowsNamed(org.openqa.selenium.WebDriver driver, String form, String text) {
        return driver.findElements(By.cssSelector("#" + form + "\\:table_data > tr")).stream()
                .filter(row -> Arrays.asList(row.getText().split("\\s+")).contains(text));
    }

    private static String source(Map<String, String> post) {
        return decode(post.get("body")).stream().filter(field -> field[0].equals("jakarta.faces.source")).map(field -> field[1])
                .findFirst().orElse("");
    }

    /** As the admin's browser sends it: with the admin's cookie and, when another site made it, that site's origin. */
    private static HttpResponse<String> send(String url, List<String[]> fields, String cookie, String origin) throws Exception {
        String body = fields.stream().map(field -> URLEncoder.encode(field[0], StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(field[1], StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("Faces-Request", "partial/ajax").header("X-Requested-With", "XMLHttpRequest")
                .header("Cookie", cookie).POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String[]> decode(String body) {
        List<String[]> fields = new ArrayList<>();
        for (String pair : body.split("&")) {
            String[] parts = pair.split("=", 2);
            fields.add(new String[] {URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : ""});
        }
        return fields;
    }

    private static List<String[]> without(List<String[]> fields, String name) {
        return fields.stream().filter(field -> !field[0].equals(name)).toList();
    }

    private static List<String[]> with(List<String[]> fields, String name, String value) {
        return fields.stream().map(field -> field[0].equals(name) ? new String[] {name, value} : field).toList();
    }
}
