package io.keygate.web.enrollment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.web.support.Browser;
import io.keygate.web.support.Deployments;
import io.keygate.web.support.Enrollments;
import io.keygate.web.support.Organizations;
import io.keygate.web.support.Organizations.TestOrganization;
import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The Machines page and the machines in a group's expanded row, in headless Chromium. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MachinePageIT {

    private static final By ROWS = By.cssSelector("#machines\\:table_data tr[data-ri]");

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
    void listsFiltersAndRemovesEnrolledMachines() {
        TestOrganization org = Organizations.create(base, "machines-page");
        long group = org.api().post("api/v1/machine-groups", "{\"name\":\"fleet\",\"enabled\":true}").id();
        long certificate = org.api().get("api/v1/signing-certificates?name=Client").list().getJsonObject(0).getJsonNumber("id").longValue();
        JsonObject created = org.api().post("api/v1/provisioning-keys", "{\"name\":\"fleet-key\",\"machineGroupId\":" + group
                + ",\"signingCertificateId\":" + certificate + "}").json();
        for (String host : List.of("web-01", "web-02", "db-01")) {
            assertEquals(201, Enrollments.enroll(base, created.getString("provisioningKey"), host, "fp-" + host).status());
        }

        browser = new Browser(base);
        browser.signIn(org.adminUsername(), Organizations.PASSWORD);
        browser.waitFor(By.id("nav-machines")).click();
        awaitRows(List.of("db-01", "web-01", "web-02"));
        String table = browser.driver().findElement(By.id("machines:table")).getText();
        assertTrue(table.contains("fleet-key") && table.contains("fp-web-01") && table.contains("Debian 13") && table.contains("Active"), table);
        browser.screenshot("machines");

        browser.type(By.id("machines:chipHostname"), "web");
        browser.driver().findElement(By.id("machines:applyFilters")).click();
        awaitRows(List.of("web-01", "web-02"));
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(driver -> driver.getCurrentUrl().contains("hostname=web"));

        row("web-01").findElement(By.cssSelector(".kg-remove")).click();
        browser.waitFor(By.id("machines:confirm-yes")).click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .until(driver -> row("web-01").getText().contains("Removed"));
        assertTrue(row("web-01").findElements(By.cssSelector(".kg-remove")).isEmpty(), "a removed machine cannot be removed again");
        JsonObject removed = org.api().get("api/v1/machines?hostname=web-01").list().getJsonObject(0);
        assertEquals("REMOVED", removed.getString("status"));
        assertEquals("REVOKED", removed.getString("certificateStatus"));

        browser.driver().findElement(By.cssSelector("[id='machines:chipStatus'] .ui-button:nth-child(2)")).click();
        browser.driver().findElement(By.id("machines:applyFilters")).click();
        awaitRows(List.of("web-02"));

        browser.waitFor(By.id("nav-groups")).click();
        browser.waitFor(By.cssSelector("#groups\\:table_data .ui-row-toggler")).click();
        browser.waitForText(By.cssSelector("#groups\\:table_data .kg-details"), "web-02");
        String expanded = browser.driver().findElement(By.cssSelector("#groups\\:table_data .kg-details")).getText();
        assertTrue(expanded.contains("db-01") && !expanded.contains("web-01"), "the group shows its active machines: " + expanded);
        browser.screenshot("machines-in-group");
        browser.driver().findElement(By.cssSelector(".kg-group-machines-link")).click();
        awaitRows(List.of("db-01", "web-01", "web-02"));
        assertTrue(browser.driver().getCurrentUrl().contains("machineGroupId=" + group), browser.driver().getCurrentUrl());
    }

    private WebElement row(String hostname) {
        return browser.driver().findElements(ROWS).stream()
                .filter(row -> row.findElements(By.cssSelector(".kg-machine-hostname")).stream().anyMatch(cell -> cell.getText().equals(hostname)))
                .findFirst().orElseThrow();
    }

    private void awaitRows(List<String> hostnames) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .until(driver -> hostnames.equals(driver.findElements(By.cssSelector("#machines\\:table_data .kg-machine-hostname")).stream()
                        .map(WebElement::getText).toList()));
    }
}
