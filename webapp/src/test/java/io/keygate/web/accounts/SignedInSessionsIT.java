package io.keygate.web.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.web.infrastructure.KeygateAuthentication;
import io.keygate.web.support.Deployments;
import io.keygate.web.support.Organizations;
import io.keygate.web.support.Organizations.TestOrganization;
import io.keygate.web.support.PortalSession;
import io.keygate.web.support.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A browser session lets its admin in only while the sign-in it holds is recorded in the database: every node of a
 * cluster asks there, so an end on one node reaches another node's copy of the session (ClusterIT shows that across
 * two nodes). Here, on one node: what ends a sign-in, and that it ends the session at its next request.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SignedInSessionsIT {

    private static final Map<String, String> CSRF = Map.of(KeygateAuthentication.CSRF_HEADER, "1");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.keygateWar();
    }

    @ArquillianResource
    URL base;

    @Test
    void aNewPasswordSignsTheAccountOutOfEveryBrowserSessionButTheOneThatChangedIt() throws SQLException {
        TestOrganization org = Organizations.create(base, "new-password");
        String reader = org.addReadOnlyAdmin("reader");
        PortalSession laptop = PortalSession.signIn(base, org.adminUsername(), Organizations.PASSWORD);
        PortalSession phone = PortalSession.signIn(base, org.adminUsername(), Organizations.PASSWORD);
        PortalSession readersBrowser = PortalSession.signIn(base, reader, Organizations.PASSWORD);
        assertEquals(2, signInsOf(org.adminUsername()));
        assertEquals(1, signInsOf(reader));

        HttpResponse<String> ownChange = changePassword(laptop, org.adminUsername(), "own-new-password-2026");
        assertEquals(200, ownChange.statusCode(), ownChange.body());

        assertEquals(200, laptop.get("keys/list.xhtml").statusCode(), "the session that changed the password stays signed in");
        assertSentToSignIn(phone.get("keys/list.xhtml"), "the admin's other session");
        assertEquals(200, readersBrowser.get("keys/list.xhtml").statusCode(), "another account's session is not touched");
        assertEquals(1, signInsOf(org.adminUsername()));

        HttpResponse<String> readersChange = changePassword(laptop, reader, "readers-new-password-2026");
        assertEquals(200, readersChange.statusCode(), readersChange.body());

        assertSentToSignIn(readersBrowser.get("keys/list.xhtml"), "the session of the admin whose password another admin changed");
        assertEquals(0, signInsOf(reader));
        assertEquals(200, laptop.get("keys/list.xhtml").statusCode());
        assertEquals(200, PortalSession.signIn(base, reader, "readers-new-password-2026").get("keys/list.xhtml").statusCode());
    }

    @Test
    void signingOutEndsTheSignInItselfNotOnlyThisNodesSession() throws SQLException {
        TestOrganization org = Organizations.create(base, "sign-out");
        PortalSession browser = PortalSession.signIn(base, org.adminUsername(), Organizations.PASSWORD);
        PortalSession otherBrowser = PortalSession.signIn(base, org.adminUsername(), Organizations.PASSWORD);
        assertEquals(2, signInsOf(org.adminUsername()));

        String page = browser.get("keys/list.xhtml").body();
        Map<String, String> signOut = new LinkedHashMap<>();
        signOut.put("account", "account");
        signOut.put("account:sign-out", "");
        signOut.put("jakarta.faces.ViewState", PortalSession.viewState(page));
        assertSentToSignIn(browser.post("keys/list.xhtml", signOut, Map.of()), "the sign-out button");

        assertEquals(1, signInsOf(org.adminUsername()), "the sign-in this browser held is gone; the other's is not");
        assertSentToSignIn(browser.get("keys/list.xhtml"), "the signed-out browser");
        assertEquals(200, otherBrowser.get("keys/list.xhtml").statusCode());
    }

    @Test
    void signingInAgainInTheSameBrowserEndsTheSignInItHeld() throws SQLException {
        TestOrganization org = Organizations.create(base, "sign-in-again");
        String reader = org.addReadOnlyAdmin("second");
        PortalSession browser = PortalSession.signIn(base, org.adminUsername(), Organizations.PASSWORD);
        assertEquals(1, signInsOf(org.adminUsername()));

        HttpResponse<String> again = browser.signInWith(reader, Organizations.PASSWORD);

        assertEquals(302, again.statusCode(), again.body());
        assertEquals(0, signInsOf(org.adminUsername()), "the first account's sign-in ended");
        assertEquals(1, signInsOf(reader));
        assertEquals(200, browser.get("keys/list.xhtml").statusCode());
    }

    @Test
    void aSessionEndsAtTheEndOfItsLifetimeHoweverBusyItIs() throws SQLException {
        TestOrganization org = Organizations.create(base, "lifetime");
        PortalSession browser = PortalSession.signIn(base, org.adminUsername(), Organizations.PASSWORD);
        assertEquals(200, browser.get("keys/list.xhtml").statusCode());

        startedAgo(org.adminUsername(), "11 hours 59 minutes");
        assertEquals(200, browser.get("keys/list.xhtml").statusCode(), "within the 12 hours");
        startedAgo(org.adminUsername(), "12 hours 1 minute");

        assertSentToSignIn(browser.get("keys/list.xhtml"), "a session signed in more than 12 hours ago");
        assertSentToSignIn(browser.get("keys/list.xhtml"), "and it stays out");
    }

    @Test
    void deletingAnAdminEndsItsSignIns() throws SQLException {
        TestOrganization org = Organizations.create(base, "deleted");
        String reader = org.addReadOnlyAdmin("leaving");
        PortalSession readersBrowser = PortalSession.signIn(base, reader, Organizations.PASSWORD);
        assertEquals(1, signInsOf(reader));

        assertEquals(204, org.api().delete("api/v1/admins/" + adminId(org, reader)).status());

        assertEquals(0, signInsOf(reader));
        assertSentToSignIn(readersBrowser.get("keys/list.xhtml"), "the deleted admin's browser");
    }

    private HttpResponse<String> changePassword(PortalSession session, String username, String newPassword) {
        JsonObject admin = adminNamed(session, username);
        String body = Json.createObjectBuilder().add("role", admin.getString("role")).add("version", admin.getJsonNumber("version").longValue())
                .add("newPassword", newPassword).build().toString();
        return session.json("PUT", "api/v1/admins/" + admin.getJsonNumber("id").longValue(), body, CSRF);
    }

    private static JsonObject adminNamed(PortalSession session, String username) {
        HttpResponse<String> admins = session.json("GET", "api/v1/admins?pageSize=100", "", CSRF);
        assertEquals(200, admins.statusCode(), admins.body());
        try (JsonReader reader = Json.createReader(new StringReader(admins.body()))) {
            return reader.readObject().getJsonArray("list").getValuesAs(JsonObject.class).stream()
                    .filter(admin -> admin.getString("username").equals(username)).findFirst().orElseThrow();
        }
    }

    private static long adminId(TestOrganization org, String username) {
        return org.api().get("api/v1/admins?pageSize=100").list().getValuesAs(JsonObject.class).stream()
                .filter(admin -> admin.getString("username").equals(username)).findFirst().orElseThrow().getJsonNumber("id").longValue();
    }

    private static void assertSentToSignIn(HttpResponse<String> response, String what) {
        assertEquals(302, response.statusCode(), what + ": " + response.body());
        assertTrue(response.headers().firstValue("Location").orElse("").endsWith("/login.xhtml"), what + ": " + response.headers().map());
    }

    private static long signInsOf(String username) throws SQLException {
        try (Connection db = TestDatabase.connect();
             PreparedStatement count = db.prepareStatement("SELECT count(*) FROM admin_session s JOIN admin_account a ON a.id = s.account_id "
                     + "WHERE a.username = ?")) {
            count.setString(1, username);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static void startedAgo(String username, String interval) throws SQLException {
        try (Connection db = TestDatabase.connect();
             PreparedStatement backdate = db.prepareStatement("UPDATE admin_session SET started_at = now() - CAST(? AS interval) "
                     + "WHERE account_id = (SELECT id FROM admin_account WHERE username = ?)")) {
            backdate.setString(1, interval);
            backdate.setString(2, username);
            assertEquals(1, backdate.executeUpdate());
        }
    }
}
