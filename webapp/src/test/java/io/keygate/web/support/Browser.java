package io.keygate.web.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.HasCdp;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Selenium, with both binaries named explicitly so Selenium
 * Manager never goes online, and a throw-away profile removed at close.
 */
public final class Browser implements AutoCloseable {

    private static final HttpClient PROBE_CLIENT = HttpClient.newHttpClient();

    private final WebDriver driver;
    private final Path profile;
    private final URL base;
    private final URL probeBase;
    private final long cspViolationsAtOpen;
    private boolean cspViolationsExpected;

    public Browser(URL base) {
        this(base, base, List.of());
    }

    /**
     * A browser that opens the server's HTTPS port ({@link TestHttps}) and accepts exactly the test
     * servers' certificate (pinned by its public key, as an admin accepts a self-signed certificate once).
     */
    public static Browser overHttps(URL plainBase) {
        try {
            java.security.cert.Certificate certificate;
            try (java.io.InputStream pem = Files.newInputStream(TestHttps.certificate())) {
                certificate = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(pem);
            }
            String spki = java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(certificate.getPublicKey().getEncoded()));
            return new Browser(TestHttps.base(plainBase).toURL(), plainBase, List.of("--ignore-certificate-errors-spki-list=" + spki));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Browser(URL base, URL probeBase, List<String> moreArguments) {
        this.base = base;
        this.probeBase = probeBase;
        try {
            this.profile = Files.createTempDirectory("chromium-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
                "--no-first-run", "--window-size=1280,900", "--user-data-dir=" + profile);
        options.addArguments(moreArguments);
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads().toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        this.cspViolationsAtOpen = cspViolationsReported();
    }

    /** Violations of the Content-Security-Policy the server under test was told of, by any browser. */
    public long cspViolationsReported() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(probeBase + CspViolationProbe.PATH.substring(1))).build();
        try {
            HttpResponse<String> response = PROBE_CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("CSP violation probe answered " + response.statusCode());
            }
            return Long.parseLong(response.body().trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public long cspViolationsSinceOpen() {
        return cspViolationsReported() - cspViolationsAtOpen;
    }

    /** For the test that breaks the policy on purpose; every other browser test fails at close on a violation. */
    public void expectCspViolations() {
        cspViolationsExpected = true;
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String path) {
        driver.get(base + path);
    }

    public WebElement waitFor(By locator) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /**
     * From now on, remembers every form post the pages send by XMLHttpRequest (Faces and PrimeFaces ajax): address and
     * body, in the tab's sessionStorage, so they survive navigation. For tests that replay what a browser really sent.
     */
    public void recordPostbacks() {
        ((HasCdp) driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                (function () {
                    var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
                    XMLHttpRequest.prototype.open = function (method, url) {
                        this.kgRequest = {method: String(method).toUpperCase(), url: String(url)};
                        return open.apply(this, arguments);
                    };
                    XMLHttpRequest.prototype.send = function (body) {
                        if (this.kgRequest && this.kgRequest.method === 'POST' && typeof body === 'string') {
                            var list = JSON.parse(sessionStorage.getItem('kgPostbacks') || '[]');
                            list.push({url: new URL(this.kgRequest.url, location.href).href, body: body});
                            sessionStorage.setItem('kgPostbacks', JSON.stringify(list));
                        }
                        return send.apply(this, arguments);
                    };
                }());
                """));
    }

    /** The posts remembered since {@link #recordPostbacks()}: each an address and an url-encoded body. */
    @SuppressWarnings("unchecked")
    public List<Map<String, String>> recordedPostbacks() {
        Object list = ((JavascriptExecutor) driver).executeScript("return JSON.parse(sessionStorage.getItem('kgPostbacks') || '[]');");
        return (List<Map<String, String>>) list;
    }

    /** Clicks once the element is there and nothing covers it (a dialog's mask fading out, an ajax update re-rendering it). */
    public void click(By locator) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).ignoring(ElementClickInterceptedException.class)
                .ignoring(StaleElementReferenceException.class).until(ready -> {
                    waitFor(locator).click();
                    return true;
                });
    }

    public void waitUntilGone(By locator) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.invisibilityOfElementLocated(locator));
    }

    public void waitForText(By locator, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(locator, text));
    }

    /** Signs in through the sign-in page and waits for the first page behind it. */
    /**
     * Submits the sign-in form and waits for the page that answers it (the next page, or the form again with its
     * message): a page opened while the answer was still on its way would be replaced by it.
     */
    public void signIn(String username, String password) {
        open("login.xhtml");
        type(By.id("login:username"), username);
        type(By.id("login:password"), password);
        // a mark on the sign-in page's window: the page that answers the form is a new window without it
        ((JavascriptExecutor) driver).executeScript("window.kgSubmitted = true;");
        driver.findElement(By.id("login:sign-in")).click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(WebDriverException.class).until(page -> Boolean.TRUE.equals(
                ((JavascriptExecutor) page).executeScript("return window.kgSubmitted !== true && document.readyState === 'complete';")));
    }

    public void type(By locator, String text) {
        WebElement input = waitFor(locator);
        input.clear();
        input.sendKeys(text);
    }

    /** Where the browser saves downloads: inside the throw-away profile, so {@link #close()} removes them. */
    public Path downloads() {
        return profile.resolve("downloads");
    }

    /** Waits for a finished download whose name ends with {@code suffix} (Chromium writes {@code .crdownload} until done). */
    public Path awaitDownload(String suffix) {
        return new WebDriverWait(driver, Duration.ofSeconds(60)).until(any -> {
            try (Stream<Path> files = Files.list(downloads())) {
                return files.filter(file -> file.getFileName().toString().endsWith(suffix)).findFirst().orElse(null);
            } catch (IOException notYet) {
                return null;
            }
        });
    }

    public void screenshot(String name) {
        Path directory = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        try {
            Files.createDirectories(directory);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), directory.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Also fails the test when a page broke the Content-Security-Policy while this browser was open. */
    @Override
    public void close() {
        long violations = cspViolationsExpected ? 0 : cspViolationsAfterReportsArrive();
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (violations > 0) {
            throw new AssertionError(violations + " Content-Security-Policy violation(s) reported while the browser was open;"
                    + " the server log names the directive and the page");
        }
    }

    /** Chromium sends a report as the violation happens, but asynchronously: one more look a moment later. */
    private long cspViolationsAfterReportsArrive() {
        long seen = cspViolationsSinceOpen();
        if (seen == 0) {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            seen = cspViolationsSinceOpen();
        }
        return seen;
    }
}
