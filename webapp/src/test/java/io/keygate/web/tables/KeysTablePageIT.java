package io.keygate.web.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keygate.web.support.Browser;
import io.keygate.web.support.Deployments;
import io.keygate.web.support.Organizations;
import io.keygate.web.support.Organizations.TestOrganization;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import io.keygate.web.support.TestDatabase;
import java.net.URL;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
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
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The table component on the keys page, in headless Chromium (T1-T9): filters, saved filters, layout, expansion, the URL. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class KeysTablePageIT {

    private static final String KEYS = "api/v1/provisioning-keys";
    private static final By ROWS = By.cssSelector("#keys\\:table_data tr[data-ri]");
    private static final By HEADERS = By.cssSelector("#keys\\:table_head th");

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.keygateWar();
    }

    @ArquillianResource
    URL base;

    private final List<Browser> browsers = new ArrayList<>();

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(Browser::close);
    }

    @Test
    void filtersWithChipsAndSearchAndKeepsTheViewInTheUrl() {
        TestOrganization org = Organizations.create(base, "table-filters");
        createKeys(org, 24);
        Browser browser = openKeysPage(org.adminUsername());

        browser.type(By.id("keys:chipName"), "web");
        browser.driver().findElement(By.cssSelector("[id='keys:chipEnabled'] .ui-button:nth-child(3)")).click();
        click(browser, "keys:applyFilters");

        List<String> expected = apiNames(org, "name=web&enabled=false");
        assertFalse(expected.isEmpty());
        awaitRows(browser, expected);
        awaitUrl(browser, "name=web&enabled=false");
        browser.screenshot("table-filtered");
        browser.type(By.id("keys:search"), "BLUE");
        click(browser, "keys:searchButton");
        List<String> blue = apiNames(org, "name=web&enabled=false&search=blue");
        assertTrue(!blue.isEmpty() && blue.size() < expected.size(), blue.toString());
        awaitRows(browser, blue);
        awaitUrl(browser, "search=BLUE");
        String shared = browser.driver().getCurrentUrl();

        Browser colleague = openKeysPage(org.adminUsername());
        colleague.driver().get(shared);
        awaitRows(colleague, blue);
        assertEquals("web", colleague.driver().findElement(By.id("keys:chipName")).getAttribute("value"), "the chips show the shared filters");

        click(browser, "keys:resetFilters");
        awaitRows(browser, apiNames(org, "pageSize=20"));
        assertFalse(browser.driver().getCurrentUrl().contains("name="), browser.driver().getCurrentUrl());
    }

    @Test
    void keepsSessionFiltersUntilSignOutAndPreferenceFiltersForGood() {
        TestOrganization org = Organizations.create(base, "table-saved");
        createKeys(org, 12);
        String colleagueName = "colleague-" + org.name();
        assertEquals(201, org.api().post("api/v1/admins", "{\"username\":\"" + colleagueName + "\",\"password\":\"" + Organizations.PASSWORD
                + "\",\"role\":\"READ_ONLY\"}").status());
        Browser browser = openKeysPage(org.adminUsername());

        browser.driver().findElement(By.cssSelector("[id='keys:chipEnabled'] .ui-button:nth-child(3)")).click();
        click(browser, "keys:applyFilters");
        awaitRows(browser, apiNames(org, "enabled=false"));
        saveAppliedFilter(browser, "disabled-only", true);
        browser.type(By.id("keys:chipName"), "web");
        click(browser, "keys:applyFilters");
        awaitRows(browser, apiNames(org, "enabled=false&name=web"));
        assertTrue(browser.driver().findElements(By.id("keys:unsaved")).size() == 1, "changes on top of a saved filter are marked");
        browser.screenshot("table-unsaved-changes");
        openFilterMenu(browser);
        click(browser, "keys:discardChanges");
        awaitRows(browser, apiNames(org, "enabled=false"));
        browser.type(By.id("keys:chipName"), "web");
        browser.driver().findElement(By.cssSelector("[id='keys:chipEnabled'] .ui-button:nth-child(1)")).click();
        click(browser, "keys:applyFilters");
        awaitRows(browser, apiNames(org, "name=web"));
        saveAppliedFilter(browser, "web-keys", false);
        click(browser, "keys:savedFilters");
        browser.waitForText(By.id("keys:savedFiltersPanel"), "disabled-only");
        String panel = browser.driver().findElement(By.id("keys:savedFiltersPanel")).getText();
        assertTrue(panel.contains("web-keys") && panel.contains("This session") && panel.contains("My preferences"), panel);
        browser.screenshot("table-saved-filters");
        browser.driver().findElements(By.cssSelector("#keys\\:savedFiltersPanel .kg-saved-filter")).stream()
                .filter(row -> row.getText().contains("web-keys")).findFirst().orElseThrow()
                .findElement(By.cssSelector(".kg-make-default")).click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(driver -> driver.findElements(By.cssSelector("#keys\\:savedFiltersPanel .kg-default-view")).size() == 1);

        browser.driver().findElement(By.id("account:sign-out")).click();
        browser.waitFor(By.id("login:username"));
        browser.signIn(org.adminUsername(), Organizations.PASSWORD);
        browser.waitFor(By.id("nav-keys")).click();
        awaitRows(browser, apiNames(org, "name=web"));
        assertEquals("web-keys", browser.driver().findElement(By.id("keys:savedFilters")).getText(), "the default view opens the table");
        click(browser, "keys:savedFilters");
        browser.waitForText(By.id("keys:savedFiltersPanel"), "Default view");
        assertFalse(browser.driver().findElement(By.id("keys:savedFiltersPanel")).getText().contains("disabled-only"),
                "a session filter ends with the session");
        click(browser, "keys:resetFilters");
        awaitRows(browser, apiNames(org, "pageSize=20"));
        click(browser, "keys:savedFilters");
        browser.waitForText(By.id("keys:savedFiltersPanel"), "web-keys");
        browser.driver().findElements(By.cssSelector("#keys\\:savedFiltersPanel .kg-saved-filter-name")).stream()
                .filter(link -> link.getText().equals("web-keys")).findFirst().orElseThrow().click();
        awaitRows(browser, apiNames(org, "name=web"));
        awaitUrl(browser, "view=");

        Browser colleague = openKeysPage(colleagueName);
        click(colleague, "keys:savedFilters");
        colleague.waitForText(By.id("keys:savedFiltersPanel"), "No saved filters yet");

        long saved = org.api().get("api/v1/saved-filters?table=provisioning-keys").list().getValuesAs(JsonObject.class).stream()
                .filter(filter -> filter.getString("name").equals("web-keys")).findFirst().orElseThrow().getJsonNumber("id").longValue();
        TestOrganization otherOrg = Organizations.create(base, "table-saved-other");
        createKeys(otherOrg, 4);
        for (TestOrganization strangersOrg : List.of(org, otherOrg)) {
            Browser stranger = strangersOrg == org ? colleague : openKeysPage(otherOrg.adminUsername());
            stranger.driver().get(base + "keys/list.xhtml?view=" + saved);
            awaitRows(stranger, apiNames(strangersOrg, "pageSize=20"));
            assertFalse(stranger.driver().findElement(By.id("keys:savedFilters")).getText().contains("web-keys"),
                    "another admin's saved filter does not open, in the same organisation or another");
        }
    }

    @Test
    void countsEveryKeyAndSaysMoreThanForHugeFilteredTotals() throws SQLException {
        TestOrganization org = Organizations.create(base, "table-huge");
        createKeys(org, 1);
        JsonObject first = org.api().get(KEYS).list().getJsonObject(0);
        TestDatabase.insertBulkKeys(org.id(), first.getJsonNumber("machineGroupId").longValue(), first.getJsonNumber("signingCertificateId").longValue(),
                12345);
        Browser browser = openKeysPage(org.adminUsername());
        browser.waitForText(By.id("keys:table_paginator_bottom"), "Showing 1\u201320 of 12,346");

        browser.type(By.id("keys:chipName"), "bulk");
        click(browser, "keys:applyFilters");
        browser.waitForText(By.id("keys:table_paginator_bottom"), "Showing 1\u201320 of more than 10,000");
        browser.screenshot("table-more-than");
        browser.driver().findElement(By.cssSelector("#keys\\:table_paginator_bottom .ui-paginator-last")).click();
        browser.waitForText(By.id("keys:table_paginator_bottom"), "Showing 10,001\u201310,020 of more than 10,000");
        awaitUrl(browser, "page=501");
        browser.driver().findElement(By.cssSelector("#keys\\:table_paginator_bottom .ui-paginator-next")).click();
        browser.waitForText(By.id("keys:table_paginator_bottom"), "Showing 10,021\u201310,040");
        awaitUrl(browser, "page=502");
    }

    @Test
    void keepsTheColumnLayoutOnTheServerForAnyBrowser() {
        TestOrganization org = Organizations.create(base, "table-columns");
        createKeys(org, 3);
        Browser browser = openKeysPage(org.adminUsername());
        assertEquals(List.of("Name", "Machine Group", "Status"), headers(browser).subList(0, 3));

        click(browser, "keys:columns");
        List<String> offered = browser.driver().findElements(By.cssSelector(".ui-columntoggler li")).stream()
                .map(item -> item.getText().trim()).filter(text -> !text.isEmpty()).toList();
        assertTrue(offered.contains("Last Used") && !offered.contains("Name") && !offered.contains("Actions"), offered.toString());
        WebElement lastUsed = browser.waitFor(By.xpath("//div[contains(@class,'ui-columntoggler')]//li[contains(., 'Last Used')]//div[contains(@class,'ui-chkbox-box')]"));
        lastUsed.click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(driver -> !headers(browser).contains("Last Used"));
        browser.driver().findElement(By.tagName("h1")).click();
        dragHeader(browser, "Status", "Machine Group");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(driver -> headers(browser).indexOf("Status") < headers(browser).indexOf("Machine Group"));
        click(browser, "keys:toggleFilters");
        browser.waitUntilGone(By.id("keys:filterBar"));
        browser.screenshot("table-columns-changed");

        Browser elsewhere = openKeysPage(org.adminUsername());
        assertTrue(elsewhere.driver().findElements(By.id("keys:filterBar")).isEmpty(), "Hide Filters follows the admin (T3)");
        assertEquals("Show Filters", elsewhere.driver().findElement(By.id("keys:toggleFilters")).getText());
        List<String> layout = headers(elsewhere);
        assertFalse(layout.contains("Last Used"), layout.toString());
        assertTrue(layout.indexOf("Status") < layout.indexOf("Machine Group"), layout.toString());

        JsonObject stored = org.api().get("api/v1/table-layouts/provisioning-keys").json();
        assertFalse(stored.getJsonArray("visibleColumns").toString().contains("lastUsed"), stored.toString());
        JsonObject widened = Json.createObjectBuilder(stored).add("widths", Json.createObjectBuilder().add("usage", 240)).build();
        assertEquals(200, org.api().put("api/v1/table-layouts/provisioning-keys", widened.toString()).status());
        Browser third = openKeysPage(org.adminUsername());
        String style = header(third, "Usage").getAttribute("style");
        assertTrue(style != null && style.replace(" ", "").contains("width:240px"), "a stored width is the column's width: " + style);
        elsewhere.screenshot("table-columns-other-browser");

        click(elsewhere, "keys:resetColumns");
        new WebDriverWait(elsewhere.driver(), Duration.ofSeconds(20))
                .until(driver -> headers(elsewhere).subList(0, 3).equals(List.of("Name", "Machine Group", "Status")));
        assertTrue(headers(elsewhere).contains("Last Used"));
    }

    @Test
    void pagesExpandsAllAndRefreshKeepsTheView() {
        TestOrganization org = Organizations.create(base, "table-paging");
        createKeys(org, 30);
        Browser browser = openKeysPage(org.adminUsername());
        awaitRows(browser, apiNames(org, "pageSize=20"));
        assertTrue(browser.driver().findElement(By.id("keys:table_paginator_bottom")).getText().contains("Showing 1\u201320 of 30"));

        new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.cssSelector("#keys\\:table_paginator_bottom select")))
                .selectByVisibleText("10");
        awaitRows(browser, apiNames(org, "pageSize=10"));
        browser.driver().findElement(By.cssSelector("#keys\\:table_paginator_bottom .ui-paginator-page[aria-label='Page 2']")).click();
        awaitRows(browser, apiNames(org, "pageSize=10&page=2"));
        click(browser, "keys:expandAll");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(driver -> driver.findElements(By.cssSelector("#keys\\:table_data .ui-expanded-row-content")).size() == 10);
        browser.screenshot("table-expanded");
        String url = browser.driver().getCurrentUrl();
        assertTrue(url.contains("page=2") && url.contains("rows=10"), url);

        click(browser, "keys:refresh");
        awaitRows(browser, apiNames(org, "pageSize=10&page=2"));
        assertEquals(10, browser.driver().findElements(By.cssSelector("#keys\\:table_data .ui-expanded-row-content")).size(),
                "Refresh keeps the expansion");
        browser.driver().navigate().refresh();
        awaitRows(browser, apiNames(org, "pageSize=10&page=2"));
        click(browser, "keys:collapseAll");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
                .until(driver -> driver.findElements(By.cssSelector("#keys\\:table_data .ui-expanded-row-content")).isEmpty());
    }

    private void createKeys(TestOrganization org, int count) {
        long group = org.api().post("api/v1/machine-groups", "{\"name\":\"group-" + org.name() + "\",\"enabled\":true}").id();
        long certificate = org.api().get("api/v1/signing-certificates?name=Client").list().getJsonObject(0).getJsonNumber("id").longValue();
        for (int i = 0; i < count; i++) {
            String name = (i % 2 == 0 ? "web-" : "db-") + String.format("%02d", i);
            JsonObject key = Json.createObjectBuilder().add("name", name).add("description", i % 3 == 0 ? "blue team" : "red team")
                    .add("machineGroupId", group).add("signingCertificateId", certificate).add("enabled", i % 4 < 2).build();
            assertEquals(201, org.api().post(KEYS, key.toString()).status());
        }
    }

    private static List<String> apiNames(TestOrganization org, String query) {
        String pageSize = query.contains("pageSize=") ? "" : "&pageSize=20";
        return org.api().get(KEYS + "?" + query + pageSize).list().getValuesAs(JsonObject.class).stream().map(k -> k.getString("name")).toList();
    }

    private Browser openKeysPage(String username) {
        Browser browser = new Browser(base);
        browsers.add(browser);
        browser.signIn(username, Organizations.PASSWORD);
        browser.waitFor(By.id("nav-keys")).click();
        browser.waitFor(By.id("keys:table"));
        return browser;
    }

    private static void awaitRows(Browser browser, List<String> names) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .until(driver -> names.equals(rowNames(browser)));
    }

    private static void awaitUrl(Browser browser, String part) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(driver -> driver.getCurrentUrl().contains(part));
    }

    private static List<String> rowNames(Browser browser) {
        return browser.driver().findElements(ROWS).stream().map(row -> row.findElements(By.cssSelector(".kg-key-name")))
                .filter(cells -> !cells.isEmpty()).map(cells -> cells.get(0).getText()).toList();
    }

    /** The visible column titles, read again if the table was re-rendered while reading. */
    private static List<String> headers(Browser browser) {
        return new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class)
                .until(driver -> readHeaders(browser));
    }

    private static List<String> readHeaders(Browser browser) {
        return browser.driver().findElements(HEADERS).stream().filter(WebElement::isDisplayed)
                .map(header -> header.findElements(By.cssSelector(".ui-column-title")))
                .filter(titles -> !titles.isEmpty()).map(titles -> titles.get(0).getText())
                .filter(title -> !title.isEmpty() && !title.equals("Details")).toList();
    }

    private static void dragHeader(Browser browser, String moved, String before) {
        WebElement source = header(browser, moved);
        WebElement target = header(browser, before);
        new Actions(browser.driver()).clickAndHold(source).moveByOffset(-5, 0).moveToElement(target, -target.getSize().getWidth() / 2 + 3, 0)
                .pause(Duration.ofMillis(300)).release().perform();
    }

    private static WebElement header(Browser browser, String title) {
        return browser.driver().findElements(HEADERS).stream()
                .filter(header -> header.findElements(By.cssSelector(".ui-column-title")).stream().anyMatch(t -> t.getText().equals(title)))
                .findFirst().orElseThrow();
    }

    private static void saveAppliedFilter(Browser browser, String name, boolean sessionOnly) {
        openFilterMenu(browser);
        click(browser, "keys:saveApplied");
        browser.type(By.id("saveFilterForm:name"), name);
        browser.driver().findElement(By.cssSelector("label[for='saveFilterForm:scope:" + (sessionOnly ? 0 : 1) + "']")).click();
        click(browser, "saveFilterForm:save");
        browser.waitUntilGone(By.id("saveFilterDialog"));
        browser.waitForText(By.id("keys:savedFilters"), name);
    }

    private static void openFilterMenu(Browser browser) {
        click(browser, "keys:filterMenu_button");
    }

    private static void click(Browser browser, String id) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).ignoring(ElementClickInterceptedException.class)
                .ignoring(StaleElementReferenceException.class).until(driver -> {
                    browser.waitFor(By.id(id)).click();
                    return true;
                });
    }
}
