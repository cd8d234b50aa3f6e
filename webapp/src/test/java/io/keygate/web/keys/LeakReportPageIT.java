package io.keygate.web.keys;

import static io.keygate.web.support.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.keygate.web.support.Browser;
import io.keygate.web.support.Deployments;
import io.keygate.web.support.Enrollments;
import io.keygate.web.support.Organizations;
import io.keygate.web.support.Organizations.TestOrganization;
import java.net.URL;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Report leaked keys (S6) on the keys page in headless Chromium: paste text, the keys in it are disabled, the text is gone. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LeakReportPageIT {

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
    void anAdministratorPastesALogAndTheKeyInItStopsWorking() {
        TestOrganization org = Organizations.create(base, "leak-page");
        long group = org.api().post("api/v1/machine-groups", "{\"name\":\"leak-group\",\"enabled\":true}").id();
        long certificate = org.api().get("api/v1/signing-certificates?name=Client").list().getJsonObject(0).getJsonNumber("id").longValue();
        String value = org.api().post("api/v1/provisioning-keys", "{\"name\":\"leaked-in-ci-log\",\"machineGroupId\":" + group
                + ",\"signingCertificateId\":" + certificate + "}").json().getString("provisioningKey");
        String secret = value.substring(value.lastIndexOf('_') + 1, value.lastIndexOf('_') + 44);

        browser = new Browser(base);
        browser.signIn(org.adminUsername(), Organizations.PASSWORD);
        browser.open("keys/list.xhtml");
        browser.waitFor(By.cssSelector("#keys\\:table_data .kg-enabled"));
        browser.click(By.id("keys:reportLeak"));
        browser.type(By.id("leakForm:text"), "");
        browser.click(By.id("leakForm:disableLeaked"));
        browser.waitForText(By.cssSelector("#leakForm .ui-message-error"), "Paste");

        browser.type(By.id("leakForm:text"), "step 4/7: keygate-enroll --key " + value + " --host web-01");
        browser.click(By.id("leakForm:disableLeaked"));
        browser.waitForText(By.id("leakForm:leakResult"), "Disabled now: leaked-in-ci-log.");
        browser.screenshot("leak-report");
        assertEquals("", browser.driver().findElement(By.id("leakForm:text")).getAttribute("value"), "the text is not shown again");
        assertFalse(browser.driver().getPageSource().contains(secret), "nothing of the secret is in the page");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(driver -> !driver.findElements(By.cssSelector("#keys\\:table_data .kg-disabled")).isEmpty());

        assertError(Enrollments.enroll(base, value, "web-01", "fp-web-01"), 403, "key_disabled");
        assertEquals(1, org.api().get("api/v1/audit-events?action=provisioning_key.leak_disable").list().size());
    }
}
