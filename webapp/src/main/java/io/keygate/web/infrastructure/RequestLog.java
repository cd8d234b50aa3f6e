package io.keygate.web.infrastructure;

import io.keygate.keys.api.KeyValue;
import io.keygate.platform.api.Actor;
import jakarta.inject.Inject;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One line per request in the {@code io.keygate.requests} log: request id, method, path, status, duration, and the
 * organisation and admin or API token it ran as. A listener, not a filter: the authentication mechanism answers some
 * requests itself (401, 429, the redirect to sign-in) before any filter runs, and those must be logged too.
 * {@code keygate.log.format=json} writes each line as one JSON object, and hands its fields to Payara's JSON formatter
 * ({@code payara/logging-json.properties}), which then makes them fields of the log's own object. The query string is never logged (search text
 * is the admin's business), and a path is cut where it would carry a secret's prefix.
 */
@WebListener
public class RequestLog implements ServletRequestListener {

    static final String LOGGER = "io.keygate.requests";
    private static final Logger LOG = Logger.getLogger(LOGGER);
    private static final String STARTED = "keygate.request.started";
    private static final String ID = "keygate.request.id";
    private static final String RESPONSE = "keygate.request.response";
    private static final String ACTOR = "keygate.request.actor";
    /** Prefixes of the secrets Keygate issues (provisioning keys, API tokens): a path holding one, pasted by mistake, is logged only up to it. */
    private static final String[] SECRET_PREFIXES = {KeyValue.PREFIX, "kgt_"};

    @Inject
    @ConfigProperty(name = "keygate.log.format", defaultValue = "text")
    String format;
    @Inject
    KeygateMetrics metrics;

    @Override
    public void requestInitialized(ServletRequestEvent event) {
        event.getServletRequest().setAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void requestDestroyed(ServletRequestEvent event) {
        if (!(event.getServletRequest() instanceof HttpServletRequest request) || !(request.getAttribute(STARTED) instanceof Long started)) {
            return;
        }
        Duration duration = Duration.ofNanos(System.nanoTime() - started);
        Object response = request.getAttribute(RESPONSE);
        int status = response instanceof HttpServletResponse answered ? answered.getStatus() : 0;
        try {
            log(fields(request, status, duration));
        } finally {
            metrics.requestFinished(request, status, duration);
        }
    }

    private void log(Map<String, Object> fields) {
        if (!json()) {
            LOG.info(text(fields));
            return;
        }
        // Payara's JSON formatter adds a map parameter's entries to the line's object; any other formatter shows the message
        LogRecord line = new LogRecord(Level.INFO, json(fields));
        line.setLoggerName(LOGGER);
        Map<String, String> parameters = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (value != null) {
                parameters.put(name, value.toString());
            }
        });
        line.setParameters(new Object[] {parameters});
        LOG.log(line);
    }

    private boolean json() {
        return "json".equalsIgnoreCase(format);
    }

    /** The id under which this request's audit events are filed and its line is logged; the same for the whole request. */
    static String id(HttpServletRequest request) {
        if (request.getAttribute(ID) instanceof String id) {
            return id;
        }
        String id = UUID.randomUUID().toString();
        request.setAttribute(ID, id);
        return id;
    }

    /** Called first for every request of the application (the authentication mechanism sees each one). */
    static void answeredThrough(HttpServletRequest request, HttpServletResponse response) {
        request.setAttribute(RESPONSE, response);
    }

    static void ranAs(HttpServletRequest request, Actor actor) {
        request.setAttribute(ACTOR, actor);
    }

    static Map<String, Object> fields(HttpServletRequest request, int status, Duration duration) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("request_id", id(request));
        fields.put("method", request.getMethod());
        fields.put("path", pathWithoutSecrets(request.getRequestURI()));
        fields.put("status", status == 0 ? null : status);
        fields.put("duration_ms", duration.toMillis());
        Actor actor = request.getAttribute(ACTOR) instanceof Actor known ? known : null;
        fields.put("organization", actor == null ? null : actor.organizationId());
        fields.put("admin", actor == null || actor.isApiToken() ? null : actor.username());
        fields.put("token", actor == null || !actor.isApiToken() ? null : actor.apiTokenId());
        return fields;
    }

    /** The path as the server decoded it ({@code %5F} is an underscore), cut where a secret's prefix starts, in any case. */
    static String pathWithoutSecrets(String path) {
        String kept = decoded(path);
        String lowerCase = kept.toLowerCase(java.util.Locale.ROOT);
        int cut = kept.length();
        for (String prefix : SECRET_PREFIXES) {
            int at = lowerCase.indexOf(prefix);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        return cut == kept.length() ? kept : kept.substring(0, cut) + "[cut]";
    }

    private static String decoded(String path) {
        try {
            return java.net.URLDecoder.decode(path.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return path;
        }
    }

    static String text(Map<String, Object> fields) {
        StringBuilder line = new StringBuilder("request");
        fields.forEach((name, value) -> line.append(' ').append(name).append('=').append(value == null ? "-" : textValue(value)));
        return line.toString();
    }

    /** A value with a space, quote, equals sign or control character is quoted, so one line always parses as pairs. */
    private static String textValue(Object value) {
        String text = value.toString();
        if (text.chars().noneMatch(c -> c <= ' ' || c == '"' || c == '=' || c == 0x7f)) {
            return text;
        }
        return jsonString(text);
    }

    static String json(Map<String, Object> fields) {
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, value) -> {
            if (value == null) {
                return;
            }
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(jsonString(name)).append(':').append(value instanceof Number ? value.toString() : jsonString(value.toString()));
        });
        return json.append('}').toString();
    }

    private static String jsonString(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
