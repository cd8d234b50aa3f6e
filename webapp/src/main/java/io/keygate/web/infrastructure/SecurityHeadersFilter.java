package io.keygate.web.infrastructure;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.List;

/**
 * The browser protections every response carries: the Content-Security-Policy (no framing, no inline script without
 * the page's nonce), no MIME sniffing, no referrer beyond the portal, and {@code Cache-Control: no-store} on everything
 * but static resources, so no page, API answer or file that shows a secret is kept by a browser or a proxy. Error
 * pages (403, 500) are rendered on an error dispatch, which needs the filter as much as the request did.
 */
@WebFilter(urlPatterns = "/*", dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.ERROR})
public class SecurityHeadersFilter extends HttpFilter {

    static final String CSP = "Content-Security-Policy";

    /** Files that are the same for everyone and hold nothing of an organisation: they may be cached. */
    static final List<String> STATIC_PREFIXES = List.of("/jakarta.faces.resource/", "/webjars/", "/resources/", "/api-docs/");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        protect(request, response);
        chain.doFilter(request, new OnePolicy(response));
    }

    /** Sets the headers; also called by the authentication mechanism, which answers some requests before any filter. */
    static void protect(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader(CSP, ContentSecurityPolicy.POLICY);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "same-origin");
        if (!isStatic(request)) {
            response.setHeader("Cache-Control", "no-store");
        }
    }

    static boolean isStatic(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return STATIC_PREFIXES.stream().anyMatch(path::startsWith);
    }

    /**
     * PrimeFaces adds its policy (ours plus the page's nonce) as a second header; two policies would both apply, and
     * the nonce-less one would block the page's own scripts. The page's policy replaces the default instead.
     */
    private static final class OnePolicy extends HttpServletResponseWrapper {

        OnePolicy(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void addHeader(String name, String value) {
            if (CSP.equalsIgnoreCase(name)) {
                super.setHeader(name, value);
            } else {
                super.addHeader(name, value);
            }
        }
    }
}
