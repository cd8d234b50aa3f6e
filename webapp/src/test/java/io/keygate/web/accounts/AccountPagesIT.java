package io.keygate.web.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.web.support.ApiClient;
import io.keygate.web.support.Browser;
import io.keygate.web.support.Deployments;
import io.keygate.web.support.Organizations;
import jakarta.json.JsonObject;
import java.net.URL;
import java.util.UUID;
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

/** The operator's Organisations page and an organisation's Admins page, in headless Chromium. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AccountPagesIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.keygateWar();
    }

    @ArquillianResource
    URL base;

    private Browser browser;

    @BeforeEach
    void openBrowser() {
        browser = new Browser(base);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void operatorCreatesAnOrganisationWhoseAdministratorAddsAReadOnlyAdmin() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String organization = "Acme-" + suffix;
        String administrator = "alice-" + suffix;
        String viewer = "victor-" + suffix;

        browser.signIn(ApiClient.OPERATOR, ApiClient.OPERATOR_PASSWORD);
        browser.waitFor(By.id("organizations:add")).click();
        browser.type(By.id("organizationDialogForm:name"), organization);
        browser.type(By.id("organizationDialogForm:adminUsername"), administrator);
        browser.type(By.id("organizationDialogForm:adminPassword"), "short");
        browser.driver().findElement(By.id("organizationDialogForm:save")).click();
        browser.waitForText(By.id("organizationDialogForm"), "at least 12 characters");
        browser.type(By.id("organizationDialogForm:adminPassword"), Organizations.PASSWORD);
        browser.driver().findElement(By.id("organizationDialogForm:save")).click();
        browser.waitUntilGone(By.id("organizationDialog"));
        browser.screenshot("organizations-created");
        assertTrue(browser.driver().findElements(By.id("nav-groups")).isEmpty(), "the operator has no machine groups");
        browser.driver().findElement(By.id("account:sign-out")).click();
        browser.waitFor(By.id("login:username"));

        browser.signIn(administrator, Organizations.PASSWORD);
        browser.waitFor(By.id("groups:add"));
        browser.driver().findElement(By.id("nav-admins")).click();
        browser.waitFor(By.id("admins:add")).click();
        browser.type(By.id("adminDialogForm:username"), viewer);
        browser.type(By.id("adminDialogForm:password"), Organizations.PASSWORD);
        browser.driver().findElements(By.cssSelector("#adminDialogForm\\:role .ui-button")).stream()
                .filter(option -> option.getText().equals("ADMINISTRATOR")).findFirst().orElseThrow().click();
        browser.driver().findElements(By.cssSelector("#adminDialogForm\\:role .ui-button")).stream()
                .filter(option -> option.getText().equals("READ_ONLY")).findFirst().orElseThrow().click();
        browser.driver().findElement(By.id("adminDialogForm:save")).click();
        browser.waitUntilGone(By.id("adminDialog"));
        browser.waitForText(By.id("admins:table_data"), viewer);
        browser.screenshot("admins-created");
        JsonObject admins = ApiClient.as(base, administrator, Organizations.PASSWORD).get("api/v1/admins").json();
        assertEquals(2, admins.getInt("totalCount"));
        assertEquals("READ_ONLY", admins.getJsonArray("list").getValuesAs(JsonObject.class).stream()
                .filter(a -> a.getString("username").equals(viewer)).findFirst().orElseThrow().getString("role"));
        browser.driver().findElement(By.id("account:sign-out")).click();
        browser.waitFor(By.id("login:username"));

        browser.signIn(viewer, Organizations.PASSWORD);
        browser.waitFor(By.id("groups:table"));
        assertTrue(browser.driver().findElements(By.id("groups:add")).isEmpty());
        browser.driver().findElement(By.id("nav-admins")).click();
        browser.waitForText(By.id("admins:table_data"), administrator);
        assertTrue(browser.driver().findElements(By.id("admins:add")).isEmpty());
        assertTrue(browser.driver().findElements(By.cssSelector(".kg-edit, .kg-delete")).isEmpty());

        JsonObject signIns = ApiClient.as(base, administrator, Organizations.PASSWORD).get("api/v1/audit-events?action=sign_in").json();
        assertTrue(signIns.getJsonArray("list").getValuesAs(JsonObject.class).stream()
                .anyMatch(e -> e.getString("actorName").equals(viewer) && e.getString("outcome").equals("SUCCESS")), signIns.toString());
    }
}
