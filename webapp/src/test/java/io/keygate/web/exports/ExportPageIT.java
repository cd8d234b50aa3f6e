package io.keygate.web.exports;

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

/** Export from the keys page in headless Chromium: the downloaded file is the table as the admin sees it (issue 6). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ExportPageIT {

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
    void downloadsTheFilteredRowsWithTheVisibleColumnsOnly() throws Exception {
        TestOrganization org = Organizations.create(base, "export-page");
        long group = org.api().post("api/v1/machine-groups", "{\"name\":\"fleet\",\"enabled\":true}").id();
        long certificate = org.api().get("api/v1/signing-certificates?name=Client").list().getJsonObject(0).getJsonNumber("id").longValue();
        TestDatabase.insertBulkKeys(org.id(), group, certificate, 45);
        List<String> expected = org.api().get("api/v1/provisioning-keys?name=bulk-1&sort=name&pageSize=100").list().stream()
                .map(JsonValue::asJsonObject).map(key -> key.getString("name")).toList();
        assertEquals(11, expected.size(), "bulk-1 and bulk-10 to bulk-19");

        browser = new Browser(base);
        browser.signIn(org.adminUsername(), Organizations.PASSWORD);
        browser.waitFor(By.id("nav-keys")).click();
        browser.waitFor(By.id("keys:table"));
        browser.type(By.id("keys:chipName"), "bulk-1");
        click("keys:applyFilters");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .until(driver -> driver.findElements(By.cssSelector("#keys\\:table_data .kg-key-name")).size() == 11);
        click("keys:columns");
        browser.waitFor(By.xpath("//div[contains(@class,'ui-columntoggler')]//li[contains(., 'Machine Group')]//div[contains(@class,'ui-chkbox-box')]"))
                .click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(driver -> !headers().contains("Machine Group"));
        browser.driver().findElement(By.tagName("h1")).click();

        click("keys:export");
        browser.waitFor(By.id("keys:exportCsv")).click();
        Path file = browser.awaitDownload(".csv");
        assertTrue(file.getFileName().toString().matches("keys-[A-Za-z0-9_-]+-\\d{8}T\\d{6}Z\\.csv"), file.getFileName().toString());
        List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(Files.readString(file, StandardCharsets.UTF_8))).getRecords();
        List<String> fileHeaders = records.get(0).toList();
        assertFalse(fileHeaders.contains("Machine Group"), "the hidden column is not in the file: " + fileHeaders);
        assertEquals(List.of("Name", "Status", "Usage", "Maximum Usage", "Expires", "Signing Certificate", "Last Used", "Created"), fileHeaders);
        assertEquals(expected, records.stream().skip(1).map(record -> record.get(0)).toList(), "the filtered rows, all of them, in the table's order");
        assertTrue(browser.driver().getCurrentUrl().contains("/keys/"), "the page stays: " + browser.driver().getCurrentUrl());
    }

    @Test
    void aLargeExportShowsItsProgressUntilTheFileIsDone() throws Exception {
        By dialog = exportKeysAsCsv("export-large", 60_000);
        assertTrue(browser.driver().findElement(By.id("exportProgressForm:exportCancel")).isDisplayed(), "a large export can be cancelled");
        browser.screenshot("export-progress");
        Path file = browser.awaitDownload(".csv");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(driver -> !driver.findElement(dialog).isDisplayed());
        assertEquals(60_001, Files.readAllLines(file, StandardCharsets.UTF_8).size(), "the header and every key");
    }

    @Test
    void aCancelledExportLeavesADownloadThatSaysItIsIncomplete() throws Exception {
        By dialog = exportKeysAsCsv("export-cancelled", 500_000);
        click("exportProgressForm:exportCancel");
        Path file = browser.awaitDownload(".csv");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(driver -> !driver.findElement(dialog).isDisplayed());

        String csv = Files.readString(file, StandardCharsets.UTF_8);
        String last = csv.substring(csv.lastIndexOf("\r\n") + 2);
        assertTrue(last.startsWith("\"INCOMPLETE EXPORT: Keygate stopped writing this file after ") && last.contains("(cancelled)"),
                "the browser saves the file Payara ended as if whole, so its last line says it is not: " + last);
        assertTrue(csv.lines().count() < 500_001, "the export stopped early: " + last);
    }

    /** A new organisation with {@code keys} keys, its admin signed in on the keys page, a CSV export begun: its progress dialog. */
    private By exportKeysAsCsv(String label, int keys) throws Exception {
        TestOrganization org = Organizations.create(base, label);
        long group = org.api().post("api/v1/machine-groups", "{\"name\":\"fleet\",\"enabled\":true}").id();
        long certificate = org.api().get("api/v1/signing-certificates?name=Client").list().getJsonObject(0).getJsonNumber("id").longValue();
        TestDatabase.insertBulkKeys(org.id(), group, certificate, keys);

        browser = new Browser(base);
        browser.signIn(org.adminUsername(), Organizations.PASSWORD);
        browser.waitFor(By.id("nav-keys")).click();
        browser.waitFor(By.id("keys:table"));
        click("keys:export");
        browser.waitFor(By.id("keys:exportCsv")).click();
        By dialog = By.id("exportProgressForm:exportProgress");
        browser.waitFor(dialog);
        return dialog;
    }

    private List<String> headers() {
        return browser.driver().findElements(By.cssSelector("#keys\\:table_head th")).stream().filter(WebElement::isDisplayed)
                .map(th -> th.getText().trim()).filter(text -> !text.isEmpty()).toList();
    }

    private void click(String id) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).ignoring(ElementClickInterceptedException.class)
                .ignoring(StaleElementReferenceException.class).until(driver -> {
                    browser.waitFor(By.id(id)).click();
                    return true;
                });
    }
}
