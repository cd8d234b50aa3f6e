package io.keygate.web.support;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;

/**
 * Test-only: logs {@link #MARKER} when any request (a browser's or a client's) carries a key or token value in its
 * address, for {@code SecretHygieneIT} to find in the server log. Added by {@link Deployments}; never shipped.
 */
@WebFilter(urlPatterns = "/*", dispatcherTypes = DispatcherType.REQUEST)
public class SecretInAddressProbe extends HttpFilter {

    public static final String MARKER = "TEST PROBE: a key or token value in a request address";
    private static final Logger LOG = Logger.getLogger(SecretInAddressProbe.class.getName());

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        String address = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        if (SecretHygiene.VALUE.matcher(address).find() || SecretHygiene.VALUE.matcher(java.net.URLDecoder.decode(address,
                java.nio.charset.StandardCharsets.UTF_8)).find()) {
            LOG.severe(MARKER + ": " + SecretHygiene.mask(address));
        }
        chain.doFilter(request, response);
    }
}
