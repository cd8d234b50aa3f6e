package io.keygate.web.infrastructure;

import io.keygate.platform.api.IpRanges;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A key, a password or a session must not cross a network in clear text. Requests that came over HTTPS (to Keygate
 * itself, or to a trusted proxy that says so with {@code X-Forwarded-Proto: https}) get HSTS. Plain HTTP is served to
 * this machine only (127.0.0.0/8, ::1: the launcher's own checks, a local reverse proxy, development); from anywhere
 * else a page request is sent to HTTPS, and anything else (an API call, an enrollment, a form) is refused with
 * {@code 403 https_required}: what it carried has crossed the network already, and following a redirect would send
 * it a second time.
 */
@ApplicationScoped
public class TransportSecurity {

    static final String HSTS = "max-age=31536000";
    static final List<String> LOOPBACK = List.of("127.0.0.0/8", "::1");

    @Inject
    ClientAddresses addresses;
    /** Where this server serves HTTPS (KEYGATE_HTTPS_PORT); redirects go there. */
    @Inject
    @ConfigProperty(name = "keygate.https.port", defaultValue = "443")
    int httpsPort;

    /** What to do with a request that arrived by the way {@code request} did. */
    enum Verdict { SECURE, LOOPBACK_PLAIN, REDIRECT, REFUSE }

    /** Sets HSTS, or answers the request itself (then returns true: nothing else may handle it). */
    public boolean answered(HttpServletRequest request, HttpServletResponse response) {
        Verdict verdict = verdict(request.isSecure(), request.getRemoteAddr(), request.getHeader("X-Forwarded-Proto"),
                addresses.of(request), addresses.trusted(), request.getMethod(), isApi(request));
        switch (verdict) {
            case SECURE -> response.setHeader("Strict-Transport-Security", HSTS);
            case REDIRECT -> redirect(request, response);
            case REFUSE -> refuse(request, response);
            default -> {
                // plain HTTP on this machine is served as it is
            }
        }
        return verdict == Verdict.REDIRECT || verdict == Verdict.REFUSE;
    }

    static Verdict verdict(boolean secureConnection, String peer, String forwardedProto, String client, List<String> trustedProxies,
                           String method, boolean api) {
        boolean proxySaysHttps = forwardedProto != null && IpRanges.contains(trustedProxies, peer)
                && "https".equalsIgnoreCase(forwardedProto.split(",", 2)[0].trim());
        if (secureConnection || proxySaysHttps) {
            return Verdict.SECURE;
        }
        if (IpRanges.contains(LOOPBACK, client)) {
            return Verdict.LOOPBACK_PLAIN;
        }
        return !api && ("GET".equals(method) || "HEAD".equals(method)) ? Verdict.REDIRECT : Verdict.REFUSE;
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
