package io.keygate.web.infrastructure;

import io.keygate.platform.api.RequestOrigin;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Hands every response the id under which its audit events are filed, so a support case can find them. */
@WebFilter("/*")
public class RequestIdFilter extends HttpFilter {

    @Inject
    RequestOrigin origin;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setHeader("X-Request-Id", origin.requestId());
        chain.doFilter(request, response);
    }
}
