package io.keygate.web.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The application's metrics, which Payara serves at {@code /metrics} in Prometheus' text format (scope
 * {@code application}): requests by kind and status class with their latency, enrollments by outcome, and the signed-in
 * sessions this node serves (per node: summed over nodes, a session that moved counts on each node it visited). Gauges of running exports and database connections are registered by
 * {@link MetricGauges}. Tags hold only fixed words (outcome ids, kinds, status classes), never a path or a name, so
 * the number of series stays small.
 */
@ApplicationScoped
public class KeygateMetrics {

    static final String REQUESTS = "keygate.requests";
    static final String ENROLLMENTS = "keygate.enrollments";
    private static final Metadata REQUESTS_METADATA = Metadata.builder().withName(REQUESTS)
            .withDescription("HTTP requests of the portal and its API, by kind (page, api, enrollment, resource) and status class")
            .withUnit(MetricUnits.SECONDS).build();
    private static final Metadata ENROLLMENTS_METADATA = Metadata.builder().withName(ENROLLMENTS)
            .withDescription("Enrollment attempts by outcome: enrolled, re_enrolled, or the refusal's error id").build();

    /** Beyond this many remembered sessions, those idle past the timeout are forgotten at once. */
    static final int FORGET_ABOVE = 10_000;

    @Inject
    MetricRegistry registry;

    /** Session id to when this node last served it: sessions move between nodes, so created/destroyed alone cannot count them. */
    private final Map<String, Long> sessionsSeen = new ConcurrentHashMap<>();

    void requestFinished(HttpServletRequest request, int status, Duration duration) {
        registry.timer(REQUESTS_METADATA, new Tag("kind", kind(request)), new Tag("status", status == 0 ? "none" : status / 100 + "xx"))
                .update(duration);
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(KeygateAuthentication.SESSION_ACCOUNT_ID) != null) {
            sessionsSeen.put(session.getId(), System.nanoTime());
            if (sessionsSeen.size() > FORGET_ABOVE) {
                // without a scraper nobody asks for the gauge, which otherwise prunes the map
                activeSessions(Duration.ofMinutes(request.getServletContext().getSessionTimeout()));
            }
        }
    }

    public void enrollmentFinished(String outcome) {
        registry.counter(ENROLLMENTS_METADATA, new Tag("outcome", outcome)).inc();
    }

    void sessionEnded(String sessionId) {
        sessionsSeen.remove(sessionId);
    }

    /** Signed-in sessions this node served within their idle timeout and has not seen end (sign-out or expiry). */
    long activeSessions(Duration idleTimeout) {
        long oldest = System.nanoTime() - idleTimeout.toNanos();
        sessionsSeen.values().removeIf(lastSeen -> lastSeen - oldest < 0);
        return sessionsSeen.size();
    }

    static String kind(HttpServletRequest request) {
        String servletPath = request.getServletPath();
        if ("/api".equals(servletPath)) {
            return "/v1/enrollments".equals(request.getPathInfo()) ? "enrollment" : "api";
        }
        if (servletPath.endsWith(".xhtml") && !servletPath.startsWith("/jakarta.faces.resource")) {
            return "page";
        }
        return "resource";
    }
}
