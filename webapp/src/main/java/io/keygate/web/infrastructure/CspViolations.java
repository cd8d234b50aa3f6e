package io.keygate.web.infrastructure;

import io.keygate.platform.api.FixedWindows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * What browsers report of the Content-Security-Policy: each blocked script, style or frame is counted and logged, so
 * a page that needs an inline script the policy refuses (or an injection that got into a page) shows up at once.
 * A report is the browser's word, sent without credentials: only its directive and the paths of the page and of what
 * was blocked are logged (never a query string or a script sample), and at most {@link #LOGGED_PER_MINUTE} a minute
 * from one address, so nobody can fill the log with made-up reports.
 */
@ApplicationScoped
public class CspViolations {

    static final int LOGGED_PER_MINUTE = 20;
    private static final Logger LOG = Logger.getLogger(CspViolations.class.getName());

    private final AtomicLong count = new AtomicLong();
    private final FixedWindows logged = new FixedWindows();

    public long count() {
        return count.get();
    }

    /**
     * Logs what one report (a CSP level 2 {@code csp-report} object or a Reporting API list) says, then counts it: who
     * sees the count has its log record queued already.
     */
    public void report(String body, String address) {
        if (logged.count(address, Duration.ofMinutes(1), null) <= LOGGED_PER_MINUTE) {
            LOG.warning(() -> "Content-Security-Policy violation reported from " + address + ": " + describe(body));
        }
        count.incrementAndGet();
    }

    static String describe(String body) {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            JsonValue parsed = reader.readValue();
            JsonObject report = parsed.getValueType() == JsonValue.ValueType.ARRAY
                    ? reportOf(parsed.asJsonArray().isEmpty() ? null : parsed.asJsonArray().get(0))
                    : reportOf(parsed);
            if (report == null) {
                return "unreadable report";
            }
            return "directive " + first(report, "effective-directive", "effectiveDirective", "violated-directive")
                    + " blocked " + pathOf(first(report, "blocked-uri", "blockedURL"))
                    + " on " + pathOf(first(report, "document-uri", "documentURL"));
        } catch (JsonException | IllegalStateException | ClassCastException notJson) {
            return "unreadable report";
        }
    }

    private static JsonObject reportOf(JsonValue value) {
        if (value == null || value.getValueType() != JsonValue.ValueType.OBJECT) {
            return null;
        }
        JsonObject object = value.asJsonObject();
        for (String wrapper : new String[] {"csp-report", "body"}) {
            if (object.get(wrapper) instanceof JsonObject inner) {
                return inner;
            }
        }
        return object;
    }

    private static String first(JsonObject report, String... names) {
        for (String name : names) {
            if (report.get(name) != null && report.get(name).getValueType() == JsonValue.ValueType.STRING) {
                return report.getString(name);
            }
        }
        return "?";
    }

    /** "inline", "eval" and the like as they are; of an http(s) URL only its path, of another only its scheme. */
    static String pathOf(String uri) {
        String path;
        try {
            URI parsed = URI.create(uri);
            if (parsed.getScheme() == null) {
                path = uri.split("[?#]", 2)[0];
            } else if (parsed.getScheme().startsWith("http")) {
                path = parsed.getRawPath() == null || parsed.getRawPath().isEmpty() ? "/" : parsed.getRawPath();
            } else {
                path = parsed.getScheme() + ":";
            }
        } catch (IllegalArgumentException notUri) {
            path = "?";
        }
        path = path.isEmpty() ? "?" : path.replaceAll("[^\\x21-\\x7e]", "?");
        return path.length() > 200 ? path.substring(0, 200) + "..." : path;
    }
}
