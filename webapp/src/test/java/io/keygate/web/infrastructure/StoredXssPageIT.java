package io.keygate.web.infrastructure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.web.support.Browser;
import io.keygate.web.support.Deployments;
import io.keygate.web.support.Enrollments;
import io.keygate.web.support.KeySetup;
import io.keygate.web.support.Organizations;
import io.keygate.web.support.Response;
import jakarta.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;

/**
 * S5 / G10: the payloads of {@code security/xss-payloads.txt} stored in every free-text field (key and group
 * descriptions, a machine's OS, saved-filter names) and typed into the search, then shown on every page, expansion
 * and dialog that renders them, in headless Chromium. A payload fails the test if it ran ({@code window.kgXssRan}),
 * if it became markup ({@code data-kgxss} / {@code <kgxss>} in the DOM, even where the policy kept it from running),
 * or if the browser reported a Content-Security-Policy violation (checked when the browser closes). Each view must
 * also show the payloads it holds as text, so a view that lost them cannot pass.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StoredXssPageIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.keygateWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void noStoredOrTypedPayloadRunsOrBecomesMarkupAnywhere() throws Exception {
        List<String> payloads = payloads();
        assertTrue(payloads.size() >= 100, "at least 100 payloads: " + payloads.size());
        KeySetup setup = KeySetup.of(base, "xss");
        List<String> inKeys = payloads.subList(0, 100);
        List<String> inGroups = payloads.subList(100, payloads.size());
        String firstKey = null;
        for (int i = 0; i < inKeys.size(); i++) {
            String description = inKeys.get(i);
            String value = setup.create(String.format("xss-key-%03d", i), key -> key.add("description", description)).getString("provisioningKey");
            firstKey = firstKey == null ? value : firstKey;
        }
        for (int i = 0; i < inGroups.size(); i++) {
            Response group = setup.org().api().post("api/v1/machine-groups", Json.createObjectBuilder()
                    .add("name", String.format("xss-group-%03d", i)).add("description", inGroups.get(i)).add("enabled", true).build().toString());
            assertEquals(201, group.status(), group.toString());
        }
        List<String> inMachines = new ArrayList<>();
        for (String os : payloads.subList(0, 12)) {
            Response enrolled = Enrollments.post(base, Json.createObjectBuilder().add("provisioningKey", firstKey)
                    .add("hostname", "xss-host-" + inMachines.size()).add("fingerprint", "fp-xss-" + inMachines.size()).add("os", os)
                    .add("csr", Enrollments.csr()).build().toString().getBytes(StandardCharsets.UTF_8));
            assertEquals(201, enrolled.status(), enrolled.toString());
            inMachines.add(os);
        }
        List<String> inFilterNames = new ArrayList<>();
        for (String name : payloads) {
            if (name.length() <= 100 && inFilterNames.size() < 40) {
                Response saved = setup.org().api().post("api/v1/saved-filters", "{\"table\":\"provisioning-keys\",\"name\":"
                        + Json.createValue(name) + ",\"scope\":\"PREFERENCES\",\"criteria\":{}}");
                if (saved.status() == 409 && "duplicate_name".equals(saved.errorId())) {
                    continue; // names are unique ignoring case, and some payloads differ only in case
                }
                assertEquals(201, saved.status(), saved.toString());
                inFilterNames.add(name);
            }
        }

        Map<String, Integer> shown = new LinkedHashMap<>();
        try (Browser browser = new Browser(base)) {
            browser.signIn(setup.org().adminUsername(), Organizations.PASSWORD);
            browser.waitFor(By.id("nav-keys"));

            browser.open("keys/list.xhtml");
            showAllRowsExpanded(browser, "keys");
            shown.put("keys: expanded rows", assertInert(browser, inKeys));
            browser.click(By.id("keys:savedFilters"));
            shown.put("keys: saved filters menu", assertInert(browser, inFilterNames));
            browser.driver().findElements(By.cssSelector(".kg-edit")).get(0).click();
            String edited = browser.waitFor(By.id("keyDialogForm:description")).getAttribute("value");
            assertTrue(inKeys.contains(edited), "the edit dialog holds the description as it was stored: " + edited);
            shown.put("keys: edit dialog", assertInert(browser, List.of(edited)));

            browser.open("groups/list.xhtml");
            showAllRowsExpanded(browser, "groups");
            shown.put("groups: column and expanded rows", assertInert(browser, inGroups));

            browser.open("machines/list.xhtml");
            browser.waitFor(By.id("machines:table"));
            shown.put("machines: OS column", assertInert(browser, inMachines));

            browser.open("audit/list.xhtml");
            browser.waitFor(By.id("audit:table"));
            shown.put("audit log", assertInert(browser, List.of()));

            for (String typed : payloads.subList(0, 20)) {
                browser.open("keys/list.xhtml?search=" + URLEncoder.encode(typed, StandardCharsets.UTF_8));
                browser.waitFor(By.id("keys:table"));
                shown.merge("keys: search from the address (20 payloads)", assertInert(browser, List.of(typed)), Integer::sum);
            }

            // the detector itself: a payload that does become markup is found
            ((JavascriptExecutor) browser.driver()).executeScript("document.body.insertAdjacentHTML('beforeend', arguments[0]);",
                    "<kgxss>window.kgXssRan=1</kgxss>");
            assertEquals(1L, ((JavascriptExecutor) browser.driver()).executeScript("return document.querySelectorAll('[data-kgxss], kgxss').length;"));
        }
        System.out.println("stored XSS: " + payloads.size() + " payloads; shown as text, never run nor turned into markup: " + shown);
    }

    /** The page's table at 100 rows a page with every row expanded. */
    private static void showAllRowsExpanded(Browser browser, String form) {
        browser.waitFor(By.id(form + ":table"));
        new Select(browser.waitFor(By.cssSelector("#" + form + "\\:table .ui-paginator-rpp-options"))).selectByValue("100");
        By report = By.cssSelector("#" + form + "\\:table .ui-paginator-current");
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(20)).until(driver -> {
            java.util.regex.Matcher shown = java.util.regex.Pattern.compile("1–([0-9]+) of ([0-9]+)").matcher(driver.findElement(report).getText());
            return shown.find() && Integer.parseInt(shown.group(1)) == Math.min(100, Integer.parseInt(shown.group(2)));
        });
        browser.click(By.id(form + ":expandAll"));
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofSeconds(20))
                .until(driver -> !driver.findElements(By.cssSelector("#" + form + "\\:table .ui-expanded-row-content")).isEmpty());
    }

    /**
     * Fails if anything ran or became markup; returns how many of {@code expected} the page shows as text, which must
     * be all of them.
     */
    private static int assertInert(Browser browser, List<String> expected) {
        JavascriptExecutor script = (JavascriptExecutor) browser.driver();
        assertEquals(Boolean.FALSE, script.executeScript("return window.kgXssRan === 1;"), "a payload ran on " + browser.driver().getCurrentUrl());
        assertEquals(0L, script.executeScript("return document.querySelectorAll('[data-kgxss], kgxss').length;"),
                "a payload became markup on " + browser.driver().getCurrentUrl());
        String text = normalised(String.valueOf(script.executeScript(
                "return document.body.innerText + ' ' + Array.from(document.querySelectorAll('input, textarea'))"
                        + ".map(function (e) { return e.value; }).join(' ');")));
        List<String> missing = expected.stream().filter(payload -> !text.contains(normalised(payload))).map(StoredXssPageIT::escaped).toList();
        assertEquals(List.of(), missing, "payloads not shown as text on " + browser.driver().getCurrentUrl());
        int found = expected.size();
        return found;
    }

    private static String escaped(String text) {
        return text.codePoints().mapToObj(c -> c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : Character.toString(c))
                .collect(java.util.stream.Collectors.joining());
    }

    /** Whitespace collapsed as the page shows it; control characters dropped, as XHTML cannot carry them. */
    private static String normalised(String text) {
        return text.replaceAll("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f]", "").replaceAll("\\s+", " ");
    }

    private static List<String> payloads() throws IOException {
        try (InputStream in = StoredXssPageIT.class.getResourceAsStream("/security/xss-payloads.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        }
    }
}
