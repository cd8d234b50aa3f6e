package io.keygate.web.tokens;

import static io.keygate.web.support.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.web.support.ApiClient;
import io.keygate.web.support.Browser;
import io.keygate.web.support.Deployments;
import io.keygate.web.support.Organizations;
import io.keygate.web.support.Organizations.TestOrganization;
import io.keygate.web.support.PasswordAgeProbe;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The API Tokens page in headless Chromium (issue 7): New API Token shows the value once, the token works, Revoke ends it. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApiTokenPageIT {

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
    void anAdministratorCreatesATokenSeesItOnceAndRevokesIt() {
        TestOrganization org = Organizations.create(base, "tokens-page");
        browser = new Browser(base);
        browser.signIn(org.adminUsername(), Organizations.PASSWORD);
        browser.waitFor(By.id("nav-tokens")).click();
        browser.waitFor(By.id("tokens:table"));

        browser.click(By.id("tokens:add"));
        browser.type(By.id("tokenDialogForm:name"), "bad name");
        browser.click(By.id("tokenDialogForm:create"));
        browser.waitForText(By.cssSelector("#tokenDialogForm .ui-message-error"), "name");
        browser.type(By.id("tokenDialogForm:name"), "deploy-bot");
        browser.click(By.xpath("//*[@id='tokenDialogForm:role']//div[contains(@class,'ui-button')][contains(., 'ADMINISTRATOR')]"));
        browser.type(By.id("tokenDialogForm:ipAllowList"), "127.0.0.1");
        browser.click(By.id("tokenDialogForm:create"));
        String token = createdToken();
        assertTrue(token.matches("kgt_[0-9A-Za-z]{16}_[0-9A-Za-z]{49}"), token);
        browser.screenshot("api-token-created");

        ApiClient bot = ApiClient.withToken(base, token);
        assertEquals(201, bot.post("api/v1/machine-groups", "{\"name\":\"made-by-bot\",\"enabled\":true}").status(), "the token works as ADMINISTRATOR");

        browser.click(By.id("closeToken"));
        browser.waitUntilGone(By.id("tokenCreated"));
        assertEquals("", browser.driver().findElement(By.id("kg-created-token")).getAttribute("textContent").trim(), "wiped when closed");
        assertFalse(browser.driver().getPageSource().contains(token.substring(21)), "nothing of the secret stays in the page");

        browser.waitForText(By.cssSelector("#tokens\\:table_data .kg-token-name"), "deploy-bot");
        browser.waitForText(By.cssSelector("#tokens\\:table_data .kg-token-status"), "Active");
        browser.click(By.cssSelector("#tokens\\:table_data .kg-revoke"));
        browser.click(By.id("tokens:confirm-yes"));
        browser.waitForText(By.cssSelector("#tokens\\:table_data .kg-token-status"), "Revoked");
        assertError(bot.get("api/v1/machine-groups"), 401, "token_revoked");
    }

    @Test
    void aSessionSignedInLongAgoConfirmsThePasswordBeforeMakingAToken() {
        TestOrganization org = Organizations.create(base, "tokens-step-up");
        browser = new Browser(base);
        browser.signIn(org.adminUsername(), Organizations.PASSWORD);
        browser.waitFor(By.id("nav-tokens")).click();
        browser.click(By.id("tokens:add"));
        browser.waitFor(By.id("tokenDialogForm:name"));
        assertTrue(browser.driver().findElements(By.id("tokenDialogForm:currentPassword")).isEmpty(), "signed in a moment ago: not asked");
        browser.open(PasswordAgeProbe.PATH.substring(1));
        browser.open("tokens/list.xhtml");
        browser.waitFor(By.id("tokens:table"));

        browser.click(By.id("tokens:add"));
        browser.type(By.id("tokenDialogForm:name"), "late-bot");
        browser.type(By.id("tokenDialogForm:currentPassword"), "not-my-password");
        browser.click(By.id("tokenDialogForm:create"));
        browser.waitForText(By.cssSelector("#tokenDialogForm .ui-message-error"), "Your password is wrong.");
        assertEquals(0, org.api().get("api/v1/api-tokens").json().getInt("totalCount"), "no token was made");

        browser.type(By.id("tokenDialogForm:currentPassword"), Organizations.PASSWORD);
        browser.click(By.id("tokenDialogForm:create"));
        String token = createdToken();
        assertEquals(200, ApiClient.withToken(base, token).get("api/v1/machine-groups").status());
        assertEquals(1, org.api().get("api/v1/audit-events?action=sign_in.step_up").json().getInt("totalCount"));
    }

    /** The new token's value, once the dialog that shows it once has it. */
    private String createdToken() {
        return new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(driver -> {
            String shown = driver.findElement(By.id("kg-created-token")).getText().trim();
            return shown.startsWith("kgt_") ? shown : null;
        });
    }

    @Test
    void theApiPageShowsEveryOperationWithNothingFetchedFromElsewhere() {
        TestOrganization org = Organizations.create(base, "api-page");
        browser = new Browser(base);
        browser.signIn(org.adminUsername(), Organizations.PASSWORD);
        browser.waitFor(By.id("nav-api-docs")).click();
        browser.waitForText(By.cssSelector("#swagger-ui .info .title"), "Keygate API");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(driver -> driver.findElements(By.cssSelector("#swagger-ui .opblock")).size() > 40);
        browser.screenshot("api-page");
        @SuppressWarnings("unchecked")
        List<String> fetched = (List<String>) ((JavascriptExecutor) browser.driver())
                .executeScript("return performance.getEntriesByType('resource').map(function (entry) { return entry.name; });");
        String origin = base.getProtocol() + "://" + base.getHost() + ":" + base.getPort() + "/";
        assertTrue(fetched.size() >= 3, fetched.toString());
        assertTrue(fetched.stream().allMatch(address -> address.startsWith(origin)), "only from the application itself: " + fetched);

        browser.open("webjars/swagger-ui/5.34.1/index.html");
        assertEquals("Not for your role", browser.waitFor(By.id("forbidden")).getText(), "the webjar's demo page (it loads from the internet) is closed");
    }

    @Test
    void aReadOnlyAdminHasNoTokensPage() {
        TestOrganization org = Organizations.create(base, "tokens-viewer");
        String viewer = org.addReadOnlyAdmin("viewer");
        browser = new Browser(base);
        browser.signIn(viewer, Organizations.PASSWORD);
        browser.waitFor(By.id("nav-keys"));
        assertTrue(browser.driver().findElements(By.id("nav-tokens")).isEmpty());
        browser.open("tokens/list.xhtml");
        assertEquals("Not for your role", browser.waitFor(By.id("forbidden")).getText());
        assertError(ApiClient.as(base, viewer, Organizations.PASSWORD).get("api/v1/api-tokens"), 403, "read_only");
    }
}
