package io.keygate.web.infrastructure;

import io.keygate.platform.api.IpRanges;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A key, a password or a session must not cross a network in clear text. Requests that came over HTTPS (to Keygate
 * itself, or to a trusted proxy that says so with {@code X-Forwarded-Proto: https}) get HSTS. Plain HTTP is served only
 * to a client on this machine that connects directly (127.0.0.0/8, ::1: the launcher's own checks, development); a
 * request a trusted proxy forwarded is from elsewhere whatever {@code X-Forwarded-For} says, since a proxy that passes
 * the header on unchanged would let the client name itself 127.0.0.1. From elsewhere a page request is sent to HTTPS,
 * and anything else (an API call, an enrollment, a form) is refused with {@code 403 https_required}: what it carried
 * has crossed the network already, and following a redirect would send it a second time.
 */
@ApplicationScoped
public class TransportSecurity {

    static final String HSTS = "max-age=31536000";
    static final List<String> LOOPBACK = List.of("127.0.0.0/8", "::1");
    /** A host name or an IP address as a redirect may carry it; anything else in Host gets no redirect. */
    private static final Pattern REDIRECTABLE_HOST = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}[A-Za-z0-9])?|[0-9A-Fa-f:.]{2,45}|\\[[0-9A-Fa-f:.]{2,45}\\]");

    @Inject
    ClientAddresses addresses;
    /** Where this server serves HTTPS (KEYGATE_HTTPS_PORT); redirects go there. */
    @Inject
    @ConfigProperty(name = "keygate.https.port", defaultValue = "443")
    int httpsPort;

    /** What to do with a request that arrived by the way {@code request} did. */
    enum Verdict { SECURE, LOOPBACK_PLAIN, REDIRECT, REFUSE }

    /** Sets HSTS, or answers the request itself: then returns true, and nothing else may handle it. */
    public boolean refusedOrRedirected(HttpServletRequest request, HttpServletResponse response) {
        Verdict verdict = verdict(request.isSecure(), request.getRemoteAddr(), request.getHeader("X-Forwarded-For"),
                request.getHeader("X-Forwarded-Proto"), addresses.trusted(), request.getMethod(), isApi(request));
        if (verdict == Verdict.REDIRECT && !REDIRECTABLE_HOST.matcher(request.getServerName()).matches()) {
            verdict = Verdict.REFUSE;
        }
        switch (verdict) {
            case SECURE -> {
                if (wantsHsts(request.getServerName())) {
                    response.setHeader("Strict-Transport-Security", HSTS);
                }
            }
            case REDIRECT -> redirect(request, response);
            case REFUSE -> refuse(request, response);
            default -> {
                // plain HTTP on this machine is served as it is
            }
        }
        return verdict == Verdict.REDIRECT || verdict == Verdict.REFUSE;
    }

    static Verdict verdict(boolean secureConnection, String peer, String forwardedFor, String forwardedProto, List<String> trustedProxies,
                           String method, boolean api) {
        boolean viaTrustedProxy = IpRanges.contains(trustedProxies, peer);
        if (secureConnection || viaTrustedProxy && "https".equalsIgnoreCase(nearestValue(forwardedProto))) {
            return Verdict.SECURE;
        }
        boolean forwarded = viaTrustedProxy && forwardedFor != null;
        if (!forwarded && IpRanges.contains(LOOPBACK, peer)) {
            return Verdict.LOOPBACK_PLAIN;
        }
        return !api && ("GET".equals(method) || "HEAD".equals(method)) ? Verdict.REDIRECT : Verdict.REFUSE;
    }

    /** The value the nearest proxy wrote: a proxy that appends instead of replacing leaves the client's own value first. */
    private static String nearestValue(String header) {
        if (header == null) {
            return null;
        }
        String[] values = header.split(",");
        return values[values.length - 1].trim();
    }

    /**
     * Not for {@code localhost}: browsers keep HSTS by name and for every port, so one visit to the HTTPS port would
     * turn every plain-HTTP tool on this machine's localhost into a failing HTTPS one. (They ignore it for IP addresses.)
     */
    static boolean wantsHsts(String serverName) {
        String host = serverName == null ? "" : serverName.toLowerCase(Locale.ROOT);
        return !host.equals("localhost") && !host.endsWith(".localhost");
    }

    static String httpsLocation(String host, int port, String path, String query) {
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "https://" + hostPart + (port == 443 ? "" : ":" + port) + path + (query == null ? "" : "?" + query);
    }

    private static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    private void redirect(HttpServletRequest request, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Location", httpsLocation(request.getServerName(), httpsPort, request.getRequestURI(), request.getQueryString()));
        flush(response);
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response) {
        String reason = "Keygate takes this request over HTTPS only; what it carried has crossed the network in clear text.";
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setCharacterEncoding("UTF-8");
        try {
            if (isApi(request)) {
                response.setContentType("application/json");
                response.getWriter().write("{\"id\":\"https_required\",\"reason\":\"" + reason + "\",\"params\":[]}");
            } else {
                response.setContentType("text/plain");
                response.getWriter().write(reason + "\n");
            }
        } catch (IOException clientGone) {
            // nobody is left to tell
        }
        flush(response);
    }

    private static void flush(HttpServletResponse response) {
        try {
            response.flushBuffer();
        } catch (IOException clientGone) {
            // nobody is left to tell
        }
    }
}
