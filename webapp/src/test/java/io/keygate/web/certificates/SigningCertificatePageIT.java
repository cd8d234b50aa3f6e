package io.keygate.web.certificates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.web.support.Browser;
import io.keygate.web.support.Deployments;
import io.keygate.web.support.Organizations;
import io.keygate.web.support.Organizations.TestOrganization;
import jakarta.json.JsonObject;
import java.net.URL;
import java.util.List;
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
import org.openqa.selenium.WebElement;

/** The Signing Certificates page in headless Chromium. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SigningCertificatePageIT {

    private static final By ROW_NAMES = By.cssSelector("#certificates\\:table_data .kg-certificate-name");

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
    void showsTheDefaultCasAddsAnIntermediateAndRefusesToDeleteARootInUse() {
        TestOrganization org = Organizations.create(base, "page-ca");
        browser.signIn(org.adminUsername(), Organizations.PASSWORD);
        browser.waitFor(By.id("nav-certificates")).click();
        browser.waitFor(ROW_NAMES);
        assertEquals(List.of("Client", "Root"), names());
        assertTrue(browser.driver().findElement(By.id("certificates:table_data")).getText().contains("O=" + org.name()));
        browser.screenshot("signing-certificates-defaults");

        browser.driver().findElement(By.id("certificates:add")).click();
        browser.type(By.id("certificateDialogForm:name"), "Kiosk-Issuing");
        browser.type(By.id("certificateDialogForm:description"), "Signs kiosk certificates");
        browser.driver().findElement(By.id("certificateDialogForm:save")).click();
        browser.waitUntilGone(By.id("certificateDialog"));
        browser.waitForText(By.id("certificates:table_data"), "Kiosk-Issuing");
        browser.screenshot("signing-certificates-added");
        JsonObject added = org.api().get("api/v1/signing-certificates?name=Kiosk-Issuing").list().getJsonObject(0);
        JsonObject root = org.api().get("api/v1/signing-certificates?name=Root").list().getJsonObject(0);
        assertEquals("INTERMEDIATE", added.getString("type"));
        assertEquals(root.getJsonNumber("id").longValue(), added.getJsonNumber("parentId").longValue());

        deleteButtonOf("Root").click();
        browser.waitFor(By.id("certificates:confirm-yes")).click();
        browser.waitForText(By.id("growl_container"), "signed other certificates");
        assertEquals(List.of("Client", "Kiosk-Issuing", "Root"), names());
        assertEquals(3, org.api().get("api/v1/signing-certificates").json().getInt("totalCount"));
        browser.screenshot("signing-certificates-delete-refused");
    }

    private List<String> names() {
        return browser.driver().findElements(ROW_NAMES).stream().map(WebElement::getText).toList();
    }

    private WebElement deleteButtonOf(String name) {
        return browser.driver().findElements(By.cssSelector("#certificates\\:table_data tr")).stream()
                .filter(row -> row.findElement(By.cssSelector(".kg-certificate-name")).getText().equals(name))
                .findFirst().orElseThrow()
                .findElement(By.cssSelector(".kg-delete"));
    }
}
