package io.keygate.web.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.web.support.Browser;
import io.keygate.web.support.Deployments;
import io.keygate.web.support.Organizations;
import io.keygate.web.support.Organizations.TestOrganization;
import io.keygate.web.support.TestDatabase;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The Audit Log page in headless Chromium (A2, X4): the table's filters, expansion, columns and export, for ADMINISTRATORs only. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuditLogPageIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.keygateWar();
    }

    @ArquillianResource
    URL base;

    private Browser browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anAdministratorFiltersExpandsAndExportsTheTrailAsShown() throws Exception {
        TestOrganization org = Organizations.create(base, "audit-page");
        TestDatabase.insertBulkAuditEvents(org.id(), 60);
        List<String> expected = org.api().get("api/v1/audit-events?outcome=failure&actor=bulk-actor-1").list().stream()
                .map(JsonValue::asJsonObject).map(event -> event.getString("resourceName")).toList();
        assertEquals(List.of("res-51", "res-36", "res-21", "res-6"), expected, "failures (every third) of actor 1 (g mod 5 = 1), newest first");

        browser = new Browser(base);
        browser.signIn(org.adminUsername(), Organizations.PASSWORD);
        browser.waitFor(By.id("nav-audit")).click();
        browser.waitFor(By.id("audit:table"));
        assertEquals(20, rows().size(), "a page of 20 of the organisation's events");
        assertTrue(options("audit:chipAction").containsAll(TestDatabase.BULK_ACTIONS), "the action chip offers the trail's actions: "
                + options("audit:chipAction"));
        assertTrue(options("audit:chipResourceType").contains("bulk resource"), "and its resource types: " + options("audit:chipResourceType"));

        click("audit:chipOutcome", By.xpath("//*[@id='audit:chipOutcome']//div[contains(@class,'ui-button')][contains(., 'Failure')]"));
        browser.type(By.id("audit:chipActor"), "bulk-actor-1");
        click("audit:applyFilters", By.id("audit:applyFilters"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .until(driver -> rows().equals(expected));
        assertTrue(browser.driver().findElements(By.cssSelector("#audit\\:table_data .kg-audit-outcome")).stream()
                .allMatch(outcome -> outcome.getText().equals("Failure")));
        assertTrue(browser.driver().getCurrentUrl().contains("outcome=failure"), "the filter is in the address: " + browser.driver().getCurrentUrl());

        browser.driver().findElement(By.cssSelector("#audit\\:table_data tr:first-child .ui-row-toggler")).click();
        browser.waitForText(By.cssSelector("#audit\\:table_data .kg-audit-event-details"), "{\"n\":51}");
        browser.screenshot("audit-log");

        click("audit:columns", By.id("audit:columns"));
        browser.waitFor(By.xpath("//div[contains(@class,'ui-columntoggler')]//li[contains(., 'Source Address')]//div[contains(@class,'ui-chkbox-box')]"))
                .click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(driver -> !headers().contains("Source Address"));
        browser.driver().findElement(By.tagName("h1")).click();

        click("audit:export", By.id("audit:export"));
        browser.waitFor(By.id("audit:exportCsv")).click();
        Path file = browser.awaitDownload(".csv");
        assertTrue(file.getFileName().toString().matches("audit-log-[A-Za-z0-9_-]+-\\d{8}T\\d{6}Z\\.csv"), file.getFileName().toString());
        List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(Files.readString(file, StandardCharsets.UTF_8))).getRecords();
        assertEquals(List.of("Time (UTC)", "Actor", "Actor Type", "Action", "Resource Type", "Resource", "Resource Id", "Outcome", "Reason"),
                records.get(0).toList(), "the visible columns only: Source Address hidden, Request Id and Details hidden by default");
        assertEquals(expected, records.stream().skip(1).map(record -> record.get(5)).toList(), "the filtered events in the table's order");
    }

    @Test
    void aReadOnlyAdminNeitherSeesNorOpensNorExportsTheAuditLog() {
        TestOrganization org = Organizations.create(base, "audit-viewer");
        String viewer = org.addReadOnlyAdmin("viewer");

        browser = new Browser(base);
        browser.signIn(viewer, Organizations.PASSWORD);
        browser.waitFor(By.id("nav-keys"));
        assertTrue(browser.driver().findElements(By.id("nav-audit")).isEmpty(), "no Audit Log link for a READ_ONLY admin");
        browser.open("audit/list.xhtml");
        assertEquals("Not for your role", browser.waitFor(By.id("forbidden")).getText());
        browser.open("export/audit-log?format=csv");
        String page = browser.driver().getPageSource();
        assertTrue(page.contains("The audit log is for ADMINISTRATORs"), page);
        assertFalse(page.contains("Time (UTC)"), "no file was sent");
    }

    private List<String> rows() {
        return browser.driver().findElements(By.cssSelector("#audit\\:table_data .kg-audit-resource")).stream().map(WebElement::getText).toList();
    }

    /** The choices of a check-box menu: its hidden check boxes carry them. */
    private List<String> options(String menu) {
        return browser.driver().findElements(By.cssSelector("input[type='checkbox'][name='" + menu + "']")).stream()
                .map(option -> option.getAttribute("value")).toList();
    }

    private List<String> headers() {
        return browser.driver().findElements(By.cssSelector("#audit\\:table_head th")).stream().filter(WebElement::isDisplayed)
                .map(th -> th.getText().trim()).filter(text -> !text.isEmpty()).toList();
    }

    private void click(String what, By locator) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).ignoring(ElementClickInterceptedException.class)
                .ignoring(StaleElementReferenceException.class).withMessage(what).until(driver -> {
                    browser.waitFor(locator).click();
                    return true;
                });
    }
}
