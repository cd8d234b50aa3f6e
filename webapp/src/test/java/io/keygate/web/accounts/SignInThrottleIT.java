package io.keygate.web.accounts;

import static io.keygate.web.support.ApiAssertions.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.web.support.ApiClient;
import io.keygate.web.support.Browser;
import io.keygate.web.support.Deployments;
import io.keygate.web.support.Organizations;
import io.keygate.web.support.Organizations.TestOrganization;
import io.keygate.web.support.Response;
import jakarta.json.JsonObject;
import java.net.URL;
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
import org.openqa.selenium.chromium.ChromiumDriver;

/**
 * Sign-in brute force (issue 8, S5): ten failures in five minutes from an address shut it out, the password no
 * longer checked; the owner still signs in from another address; audited once. Each test signs in from addresses of
 * its own through the trusted proxy (127.0.0.1), so no other test's address is shut out.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SignInThrottleIT {

    private static final String GROUPS = "api/v1/machine-groups";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.keygateWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void tenWrongPasswordsFromAnAddressShutItOutButNotTheOwnerElsewhere() {
        TestOrganization org = Organizations.create(base, "throttle-api");
        ApiClient guesser = ApiClient.as(base, org.adminUsername(), "not-the-password-0000").viaProxy("203.0.113.61");
        for (int i = 1; i <= 10; i++) {
            assertError(guesser.get(GROUPS), 401, "invalid_credentials");
        }

        Response withThePassword = ApiClient.as(base, org.adminUsername(), Organizations.PASSWORD)
                .viaProxy("203.0.113.61").get(GROUPS);
        assertError(withThePassword, 429, "sign_in_throttled");
        long retryAfter = Long.parseLong(withThePassword.header("Retry-After"));
        assertTrue(retryAfter > 240 && retryAfter <= 300, "the rest of the five minutes: " + retryAfter);
        assertError(ApiClient.as(base, ApiClient.ADMIN, ApiClient.ADMIN_PASSWORD).viaProxy("203.0.113.61").get(GROUPS),
                429, "sign_in_throttled");

        assertEquals(200, ApiClient.as(base, org.adminUsername(), Organizations.PASSWORD).viaProxy("198.51.100.61")
                .get(GROUPS).status(), "the owner signs in from another address");
        List<JsonObject> throttled = org.api().get("api/v1/audit-events?action=sign_in.throttle").list().getValuesAs(JsonObject.class);
        assertEquals(List.of("account_failures_exceeded", "address_failures_exceeded"),
                throttled.stream().map(event -> event.getString("reason")).sorted().toList(), "each limit audited once");
        assertEquals("203.0.113.61", throttled.get(0).getString("sourceAddress"));
        assertEquals(10, org.api().get("api/v1/audit-events?action=sign_in&outcome=failure").list().size(),
                "the refused tries were not heard, so not recorded as wrong passwords");
    }

    @Test
    void theSignInPageSaysWhenToTryAgain() {
        TestOrganization org = Organizations.create(base, "throttle-page");
        try (Browser browser = new Browser(base)) {
            ChromiumDriver chromium = (ChromiumDriver) browser.driver();
            chromium.executeCdpCommand("Network.enable", Map.of());
            chromium.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("X-Forwarded-For", "203.0.113.62", "X-Forwarded-Proto", "https")));
            for (int i = 1; i <= 10; i++) {
                browser.signIn(org.adminUsername(), "not-the-password-" + i);
                browser.waitForText(By.cssSelector(".ui-messages-error"), "Wrong username or password");
            }
            browser.signIn(org.adminUsername(), Organizations.PASSWORD);
            browser.waitForText(By.cssSelector(".ui-messages-error"), "Try again in 5 minutes");
            browser.screenshot("sign-in-throttled");
        }
        try (Browser elsewhere = new Browser(base)) {
            ChromiumDriver chromium = (ChromiumDriver) elsewhere.driver();
            chromium.executeCdpCommand("Network.enable", Map.of());
            chromium.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of("X-Forwarded-For", "198.51.100.62", "X-Forwarded-Proto", "https")));
            elsewhere.signIn(org.adminUsername(), Organizations.PASSWORD);
            elsewhere.waitFor(By.id("nav-keys"));
        }
    }
}
