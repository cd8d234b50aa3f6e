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

    @Test
    void groupRowListsItsKeysAndMachinesAndSearchesThemFromThreeCharacters() {
        TestOrganization org = Organizations.create(base, "group-row");
        long group = org.api().post("api/v1/machine-groups", "{\"name\":\"fleet\",\"enabled\":true}").id();
        long other = org.api().post("api/v1/machine-groups", "{\"name\":\"lab\",\"enabled\":true}").id();
        long certificate = org.api().get("api/v1/signing-certificates?name=Client").list().getJsonObject(0).getJsonNumber("id").longValue();
        String enrolling = null;
        for (int i = 0; i <= 10; i++) {
            JsonObject key = createKey(org, String.format("alpha-%02d", i), group, certificate);
            if (i == 0) {
                enrolling = key.getString("provisioningKey");
            }
        }
        createKey(org, "special-key", group, certificate);
        createKey(org, "special-elsewhere", other, certificate);
        for (int i = 0; i <= 10; i++) {
            assertEquals(201, Enrollments.enroll(base, enrolling, String.format("node-%02d", i), "fp-node-" + i).status());
        }
        assertEquals(201, Enrollments.enroll(base, enrolling, "edge-gateway", "fp-edge").status());

        browser = new Browser(base);
        browser.signIn(org.adminUsername(), Organizations.PASSWORD);
        browser.waitFor(By.id("nav-groups")).click();
        WebElement fleet = browser.driver().findElements(By.cssSelector("#groups\\:table_data tr[data-ri]")).stream()
                .filter(row -> row.getText().contains("fleet")).findFirst().orElseThrow();
        fleet.findElement(By.cssSelector(".ui-row-toggler")).click();
        By keyNames = By.cssSelector("#groups\\:table_data .kg-group-key");
        By machineNames = By.cssSelector("#groups\\:table_data .kg-group-machine-name");
        awaitTexts(keyNames, List.of("alpha-00", "alpha-01", "alpha-02", "alpha-03", "alpha-04", "alpha-05", "alpha-06", "alpha-07",
                "alpha-08", "alpha-09"));
        awaitTexts(machineNames, List.of("edge-gateway", "node-00", "node-01", "node-02", "node-03", "node-04", "node-05", "node-06",
                "node-07", "node-08"));
        String machinesShown = browser.driver().findElement(By.cssSelector("#groups\\:table_data .kg-group-machine")).getText();
        assertTrue(machinesShown.contains("fp-edge") && machinesShown.contains("alpha-00"), "hostname, fingerprint and key: " + machinesShown);

        By keySearch = By.cssSelector("#groups\\:table_data input[id$='key-search']");
        browser.type(keySearch, "spe");
        awaitTexts(keyNames, List.of("special-key"));
        browser.type(keySearch, "sp");
        awaitTexts(keyNames, List.of("alpha-00", "alpha-01", "alpha-02", "alpha-03", "alpha-04", "alpha-05", "alpha-06", "alpha-07",
                "alpha-08", "alpha-09"));
        browser.type(keySearch, "zzz");
        browser.waitForText(By.cssSelector("#groups\\:table_data .kg-group-keys-none"), "Nothing matches.");

        browser.type(By.cssSelector("#groups\\:table_data input[id$='machine-search']"), "EDG");
        awaitTexts(machineNames, List.of("edge-gateway"));
        browser.screenshot("group-row-search");

        browser.type(keySearch, "special");
        awaitTexts(keyNames, List.of("special-key"));
        browser.driver().findElement(keyNames).click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .until(driver -> driver.findElements(By.cssSelector("#keys\\:table_data .kg-key-name")).stream().map(WebElement::getText).toList()
                        .equals(List.of("special-key")));
        assertTrue(browser.driver().getCurrentUrl().contains("machineGroupId=" + group), browser.driver().getCurrentUrl());
    }

    private static JsonObject createKey(TestOrganization org, String name, long group, long certificate) {
        return org.api().post("api/v1/provisioning-keys", "{\"name\":\"" + name + "\",\"machineGroupId\":" + group
                + ",\"signingCertificateId\":" + certificate + "}").json();
    }

    private void awaitTexts(By locator, List<String> texts) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .withMessage(() -> "expected " + texts + ", the page shows " + browser.driver().findElements(locator).stream().map(WebElement::getText).toList())
                .until(driver -> texts.equals(driver.findElements(locator).stream().map(WebElement::getText).toList()));
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
